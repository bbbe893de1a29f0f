using System.Diagnostics;
using Npgsql;
using Tuning.Storage.PostgreSql;
using Tuning.TestSupport;

namespace Tuning.Storage.Tests;

/// <summary>Databases and connection strings a PostgreSQL storage must refuse clearly, changing nothing.</summary>
[RequiresPostgres]
public sealed class PostgreSqlDatabaseTests : PostgresSchemaTests
{
    [StorageFact]
    public void A_wrong_password_is_refused_with_the_server_reason()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresServer.RequireConnectionString()) { Password = "wrong" };

        var e = Assert.Throws<InvalidOperationException>(() => new PostgreSqlStudyStorage(builder.ConnectionString, Options()));

        Assert.Contains("password authentication failed", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong", e.Message, StringComparison.Ordinal);
        Assert.Null(SchemaExists());
    }

    [StorageFact]
    public void A_study_name_with_a_NUL_is_refused_when_created_or_renamed_to_and_found_nowhere()
    {
        using PostgreSqlStudyStorage storage = NewStorage();
        Study study = Study.Create(storage, "plain", new SearchSpaceBuilder().Float("x", 0, 1).Build(), [Metric.Minimize("loss")]);

        Assert.Throws<ArgumentException>(() => Study.Create(storage, "a\0b", study.Space, study.Metrics));
        Assert.Throws<ArgumentException>(() => Study.Rename(storage, "plain", "a\0b"));
        Assert.Null(storage.FindStudy("a\0b"));
        Assert.Equal(["plain"], storage.ListStudies().Select(s => s.Name));
    }

    [StorageFact]
    public void A_study_name_with_a_lone_surrogate_is_found_nowhere_and_refused_by_create_or_open()
    {
        using PostgreSqlStudyStorage storage = NewStorage();

        Assert.Null(storage.FindStudy("a\uD800b"));
        var e = Assert.Throws<ArgumentException>(() => Study.CreateOrOpen(storage, "a\uD800b", StoredTrials.Space, [Metric.Minimize("loss")]));
        var opened = Assert.Throws<InvalidOperationException>(() => Study.Open(storage, "\uDC00"));

        Assert.Equal("name", e.ParamName);
        Assert.Contains("lone UTF-16 surrogate", e.Message, StringComparison.Ordinal);
        Assert.Contains("no study named", opened.Message, StringComparison.Ordinal);
        Assert.Empty(storage.ListStudies());
    }

    [StorageFact]
    public void A_study_name_too_long_for_the_name_index_is_refused_naming_the_parameter_and_the_limit()
    {
        using PostgreSqlStudyStorage storage = NewStorage();
        Study study = Study.Create(storage, "plain", new SearchSpaceBuilder().Float("x", 0, 1).Build(), [Metric.Minimize("loss")]);
        var random = new Random(7);
        string longName = new([.. Enumerable.Range(0, 4000).Select(_ => (char)random.Next('a', 'z' + 1))]); // random letters: no compression fits it in the index

        var created = Assert.Throws<ArgumentException>(() => Study.Create(storage, longName, study.Space, study.Metrics));
        var renamed = Assert.Throws<ArgumentException>(() => Study.Rename(storage, "plain", longName));

        Assert.Equal("name", created.ParamName);
        Assert.Equal("newName", renamed.ParamName);
        Assert.All([created, renamed], e => Assert.Contains("4000 bytes", e.Message, StringComparison.Ordinal));
        Assert.Equal(["plain"], storage.ListStudies().Select(s => s.Name));
        Assert.NotNull(Study.Create(storage, new string('n', 2000), study.Space, study.Metrics)); // a long name that fits is kept
    }

    [StorageFact]
    public void Tables_the_role_may_not_read_are_refused_naming_the_schema_and_left_unchanged()
    {
        using (PostgreSqlStudyStorage owner = NewStorage())
        {
            owner.CreateStudy("kept", StoredTrials.Definition);
        }

        // A role that may use the schema but not its tables, taken on by the test's own login (SET ROLE at connection);
        // the login needs CREATEROLE, which the server .ci/start-postgres.sh starts gives it.
        string role = "tuning_" + Schema;
        PostgresServer.Scalar("public", $"CREATE ROLE \"{role}\" NOLOGIN; GRANT USAGE ON SCHEMA \"{Schema}\" TO \"{role}\"; GRANT \"{role}\" TO CURRENT_USER");
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(PostgresServer.RequireConnectionString()) { Options = $"-c role={role}" };

            var e = Assert.Throws<InvalidOperationException>(() => new PostgreSqlStudyStorage(builder.ConnectionString, Options()));

            Assert.Contains($"'{Schema}'", e.Message, StringComparison.Ordinal);
            Assert.Contains("permission denied", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("for database", e.Message, StringComparison.Ordinal); // the tables are there: creating them is not the problem
        }
        finally
        {
            PostgresServer.Scalar("public", $"DROP OWNED BY \"{role}\"; DROP ROLE \"{role}\"");
        }

        using PostgreSqlStudyStorage check = NewStorage();
        Assert.Equal(["kept"], check.ListStudies().Select(s => s.Name));
    }

    [StorageFact]
    public void A_read_only_session_reads_and_refuses_every_write_naming_the_schema_and_the_cause()
    {
        using (PostgreSqlStudyStorage writer = NewStorage())
        {
            Study written = Study.Create(writer, "kept", StoredTrials.Space, [Metric.Minimize("loss")], new RandomSuggester(seed: 1));
            written.Tell(written.Ask(), 0.5);
        }

        // As on a hot standby, or for a role with default_transaction_read_only: reading works, writing does not.
        var builder = new NpgsqlConnectionStringBuilder(PostgresServer.RequireConnectionString()) { Options = "-c default_transaction_read_only=on" };
        using var storage = new PostgreSqlStudyStorage(builder.ConnectionString, Options());
        Study study = Study.Open(storage, "kept", new RandomSuggester(seed: 2));

        Exception[] refusals =
        [
            Assert.Throws<IOException>(() => study.Ask()),
            Assert.Throws<IOException>(() => study.Enqueue(new Dictionary<string, object> { ["x"] = 0.5, ["y"] = 0.5, ["kind"] = "a" })),
            Assert.Throws<IOException>(() => Study.Create(storage, "new", StoredTrials.Space, [Metric.Minimize("loss")])),
        ];

        Assert.Single(study.Trials);
        Assert.All(refusals, e => Assert.Contains($"'{Schema}'", e.Message, StringComparison.Ordinal));
        Assert.All(refusals, e => Assert.Contains("read-only", e.Message, StringComparison.Ordinal));
        Assert.All(refusals, e => Assert.Contains("nothing of the operation was stored", e.Message, StringComparison.Ordinal));
    }

    [StorageFact]
    public void A_role_that_may_only_read_the_tables_reads_and_refuses_every_write_naming_the_schema_and_the_grants()
    {
        using (PostgreSqlStudyStorage writer = NewStorage())
        {
            Study written = Study.Create(writer, "kept", StoredTrials.Space, [Metric.Minimize("loss")], new RandomSuggester(seed: 1));
            written.Tell(written.Ask(), 0.5);
        }

        string role = "tuning_" + Schema;
        PostgresServer.Scalar(
            "public",
            $"CREATE ROLE \"{role}\" NOLOGIN; GRANT USAGE ON SCHEMA \"{Schema}\" TO \"{role}\"; GRANT SELECT ON ALL TABLES IN SCHEMA \"{Schema}\" TO \"{role}\"; "
            + $"GRANT \"{role}\" TO CURRENT_USER");
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(PostgresServer.RequireConnectionString()) { Options = $"-c role={role}" };
            using var storage = new PostgreSqlStudyStorage(builder.ConnectionString, Options());
            Study study = Study.Open(storage, "kept", new RandomSuggester(seed: 2));

            Exception[] refusals =
            [
                Assert.Throws<IOException>(() => study.Ask()),
                Assert.Throws<IOException>(() => study.Enqueue(new Dictionary<string, object> { ["x"] = 0.5, ["y"] = 0.5, ["kind"] = "a" })),
            ];

            Assert.Single(study.Trials);
            Assert.All(refusals, e => Assert.Contains($"'{Schema}'", e.Message, StringComparison.Ordinal));
            Assert.All(refusals, e => Assert.Contains("permission denied", e.Message, StringComparison.Ordinal));
            Assert.All(refusals, e => Assert.Contains("INSERT, UPDATE and DELETE", e.Message, StringComparison.Ordinal));
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            PostgresServer.Scalar("public", $"DROP OWNED BY \"{role}\"; DROP ROLE \"{role}\"");
        }
    }

    [StorageFact]
    public void Pooled_connections_the_server_ended_for_idling_are_replaced_and_the_operation_goes_on()
    {
        // The role's idle_session_timeout ends every pooled connection that waits longer, as a proxy or firewall may.
        var builder = new NpgsqlConnectionStringBuilder(PostgresServer.RequireConnectionString()) { Options = "-c idle_session_timeout=100" };
        using var storage = new PostgreSqlStudyStorage(builder.ConnectionString, Options());
        Study study = Study.Create(storage, "s", StoredTrials.Space, [Metric.Minimize("loss")], new RandomSuggester(seed: 1));
        Trial trial = study.Ask();

        Thread.Sleep(500);
        trial.Report(1, 0.5);
        Thread.Sleep(500);
        study.Tell(trial, 0.25);
        Thread.Sleep(500);

        Assert.Equal(0.25, Study.Open(storage, "s").Trials[0].Value);
    }

    [StorageFact]
    public void An_unreachable_server_is_refused_at_once()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresServer.RequireConnectionString()) { Port = 1, Timeout = 5 };
        var clock = Stopwatch.StartNew();

        var e = Assert.Throws<InvalidOperationException>(() => new PostgreSqlStudyStorage(builder.ConnectionString, Options()));

        Assert.Contains(":1", e.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [StorageFact]
    public void A_malformed_connection_string_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new PostgreSqlStudyStorage("Hots=nowhere;;Prot=x", Options()));
        Assert.Throws<ArgumentException>(() => new PostgreSqlStudyStorageOptions { Schema = "Robert'); DROP TABLE studies;--" });
    }

    [StorageFact]
    public void A_schema_from_a_newer_version_is_refused_and_left_unchanged()
    {
        using (var storage = new PostgreSqlStudyStorage(PostgresServer.RequireConnectionString(), Options()))
        {
            storage.CreateStudy("s", StoredTrials.Definition);
        }

        PostgresServer.Scalar(Schema, "UPDATE schema_version SET version = 99");

        var e = Assert.Throws<InvalidOperationException>(() => new PostgreSqlStudyStorage(PostgresServer.RequireConnectionString(), Options()));

        Assert.Contains("schema version 99", e.Message, StringComparison.Ordinal);
        Assert.Equal(99, PostgresServer.Scalar(Schema, "SELECT version FROM schema_version"));
        Assert.Equal(1L, PostgresServer.Scalar(Schema, "SELECT count(*) FROM studies"));
    }

    [StorageFact]
    public void Missing_tables_with_creation_off_are_refused_and_not_created()
    {
        var e = Assert.Throws<InvalidOperationException>(() =>
            new PostgreSqlStudyStorage(PostgresServer.RequireConnectionString(), new PostgreSqlStudyStorageOptions { Schema = Schema, CreateIfMissing = false }));

        Assert.Contains("CreateIfMissing is off", e.Message, StringComparison.Ordinal);
        Assert.Null(SchemaExists());
    }

    [StorageFact]
    public void A_schema_of_another_application_is_refused()
    {
        PostgresServer.Scalar("public", $"CREATE SCHEMA \"{Schema}\"; CREATE TABLE \"{Schema}\".customers (id int)");

        var e = Assert.Throws<InvalidOperationException>(() => new PostgreSqlStudyStorage(PostgresServer.RequireConnectionString(), Options()));

        Assert.Contains("not a Tuning study schema", e.Message, StringComparison.Ordinal);
        Assert.Equal(1L, PostgresServer.Scalar(Schema, $"SELECT count(*) FROM information_schema.tables WHERE table_schema = '{Schema}'"));
    }

    [StorageFact]
    public void Many_storages_opening_a_new_schema_at_once_agree()
    {
        PostgreSqlStudyStorage[] storages = Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            new PostgreSqlStudyStorage(PostgresServer.RequireConnectionString(), Options())))).GetAwaiter().GetResult();
        try
        {
            storages[0].CreateStudy("s", StoredTrials.Definition);
            Assert.All(storages, s => Assert.NotNull(s.FindStudy("s")));
        }
        finally
        {
            Array.ForEach(storages, s => s.Dispose());
        }
    }

    [StorageFact]
    public void The_longest_ask_timeout_still_asks()
    {
        using var storage = new PostgreSqlStudyStorage(
            PostgresServer.RequireConnectionString(), new PostgreSqlStudyStorageOptions { Schema = Schema, AskTimeout = TimeSpan.FromDays(49) });
        Study study = Study.Create(storage, "s", StoredTrials.Space, [Metric.Minimize("loss")], new RandomSuggester(seed: 1));

        Task ask = Task.Run(() => study.Tell(study.Ask(), 1.0));

        Assert.True(ask.Wait(TimeSpan.FromSeconds(30)), "the ask did not return"); // with 50 days it never did
        Assert.Equal(TrialState.Completed, study.Trials[0].State);
    }

    private PostgreSqlStudyStorageOptions Options() => new() { Schema = Schema };

    private object? SchemaExists() =>
        PostgresServer.Scalar("public", $"SELECT 1 FROM information_schema.schemata WHERE schema_name = '{Schema}'");
}
