using Npgsql;
using Tuning.Storage.PostgreSql;
using Tuning.TestSupport;

namespace Tuning.Storage.Tests;

/// <summary>The queue of a PostgreSQL study whatever plan the server picks for the claim.</summary>
[RequiresPostgres]
public sealed class PostgreSqlQueueTests : PostgresSchemaTests
{
    /// <summary>
    /// With hash and merge joins, materialization, hash aggregation and sorts disabled, the planner runs
    /// <c>DELETE … WHERE position IN (SELECT … LIMIT n FOR UPDATE SKIP LOCKED)</c> as a nested-loop semi join that
    /// rescans the limited subquery for every row, so it deletes every queued row (the plan once seen after autovacuum
    /// analyzed an empty queue). An ask must claim exactly what it needs under any plan.
    /// </summary>
    [StorageFact]
    public void An_ask_claims_no_more_enqueued_parameters_than_it_needs_under_a_nested_loop_plan()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresServer.RequireConnectionString())
        {
            Options = "-c enable_hashjoin=off -c enable_mergejoin=off -c enable_material=off -c enable_hashagg=off -c enable_sort=off",
        };
        using var storage = new PostgreSqlStudyStorage(builder.ConnectionString, new PostgreSqlStudyStorageOptions { Schema = Schema });
        Study study = Study.Create(storage, "queue", StoredTrials.Space, [Metric.Minimize("loss")], new RandomSuggester(seed: 1));
        double[] xs = [0.1, 0.2, 0.3, 0.4];
        foreach (double x in xs)
        {
            study.Enqueue(new Dictionary<string, object> { ["x"] = x, ["y"] = 0.5, ["kind"] = "a" });
        }

        PostgresServer.Scalar(Schema, "ANALYZE enqueued");

        Trial first = study.Ask();

        Assert.Equal(0.1, first.GetDouble("x"));
        Assert.Single(study.Trials);
        Assert.Equal([0.2, 0.3, 0.4], study.Enqueued.Select(p => p.GetDouble("x")));
        Assert.Equal([0.2, 0.3], study.Ask(2).Select(t => t.GetDouble("x")));
        Assert.Equal(3, study.Trials.Count);
    }
}
