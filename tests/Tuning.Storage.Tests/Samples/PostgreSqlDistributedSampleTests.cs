using Tuning.TestSupport;

namespace Tuning.Storage.Tests;

/// <summary>The Distributed sample on PostgreSQL keeps the password off every command line.</summary>
[RequiresPostgres]
[Collection(WorkerProcessCollection.Name)]
public sealed class PostgreSqlDistributedSampleTests
{
    [StorageFact]
    public void The_connection_string_reaches_the_workers_through_the_environment_not_their_command_lines()
    {
        string connection = PostgresServer.RequireConnectionString();
        string study = $"env-{Guid.NewGuid():N}"[..16];
        // Epochs of 600 ms keep each worker alive for seconds after it starts, so its command line is still there to read
        // on a loaded machine (with 100 ms a worker could finish its three trials before the test read it).
        using var launcher = DistributedSample.Start(
            ["--workers", "2", "--trials", "6", "--epoch-ms", "600", "--storage", "postgres", "--study", study], new Dictionary<string, string> { ["TUNING_POSTGRES"] = connection });
        string password = new Npgsql.NpgsqlConnectionStringBuilder(connection).Password!;
        foreach (int pid in new[] { launcher.Id, launcher.WorkerProcess(0), launcher.WorkerProcess(1) })
        {
            string commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
            Assert.DoesNotContain("Password", commandLine, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Host=", commandLine, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain($"={password}", commandLine, StringComparison.Ordinal);
        }

        launcher.WaitForSuccess(TimeSpan.FromMinutes(3));
        Assert.Contains("6 new completed trials", launcher.Output, StringComparison.Ordinal);
    }
}
