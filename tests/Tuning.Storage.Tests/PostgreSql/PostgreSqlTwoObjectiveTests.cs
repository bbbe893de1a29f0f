namespace Tuning.Storage.Tests;

/// <summary>Studies with two objectives and a constraint read back from PostgreSQL exactly, and mean the same.</summary>
[RequiresPostgres]
public sealed class PostgreSqlTwoObjectiveTests : PostgresSchemaTests
{
    [StorageFact]
    public void Values_at_the_edges_of_the_doubles_keep_their_bits_feasibility_front_and_hypervolume()
    {
        using var storage = NewStorage();
        for (int seed = 0; seed < 25; seed++)
        {
            string name = $"pareto-{seed}";
            Study study = Study.Create(storage, name, TwoObjectiveHistories.Space, TwoObjectiveHistories.Metrics, new RandomSuggester(seed));
            TwoObjectiveHistories.Tell(study, seed);
            Study memory = Study.FromJson(study.ToJson());
            using var reopened = NewStorage();
            TwoObjectiveHistories.AssertSame(memory, Study.Open(reopened, name, new RandomSuggester(seed)));
        }
    }
}
