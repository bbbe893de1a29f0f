using Tuning.Storage.Sqlite;
using Tuning.TestSupport;

namespace Tuning.Storage.Tests;

/// <summary>Studies with two objectives and a constraint read back from a SQLite file exactly, and mean the same.</summary>
public sealed class SqliteTwoObjectiveTests : TempFolderTests
{
    [Fact]
    public void Values_at_the_edges_of_the_doubles_keep_their_bits_feasibility_front_and_hypervolume()
    {
        for (int seed = 0; seed < 25; seed++)
        {
            string name = $"pareto-{seed}";
            Study study;
            using (var storage = new SqliteStudyStorage(Folder.File("studies.db")))
            {
                study = Study.Create(storage, name, TwoObjectiveHistories.Space, TwoObjectiveHistories.Metrics, new RandomSuggester(seed));
                TwoObjectiveHistories.Tell(study, seed);
                Study memory = Study.FromJson(study.ToJson());
                using var reopened = new SqliteStudyStorage(Folder.File("studies.db"));
                TwoObjectiveHistories.AssertSame(memory, Study.Open(reopened, name, new RandomSuggester(seed)));

                // And from the file into memory and back into another file.
                var inMemory = new InMemoryStudyStorage();
                Study.Copy(reopened, name, inMemory);
                using var other = new SqliteStudyStorage(Folder.File("copy.db"));
                Study.Copy(inMemory, name, other);
                TwoObjectiveHistories.AssertSame(memory, Study.Open(other, name, new RandomSuggester(seed)));
            }
        }
    }
}
