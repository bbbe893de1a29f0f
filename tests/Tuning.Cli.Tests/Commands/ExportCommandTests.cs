using System.Globalization;
using Tuning.Cli.Tests.Support;
using Tuning.Storage.Sqlite;
using Tuning.TestSupport;

namespace Tuning.Cli.Tests.Commands;

public sealed class ExportCommandTests : SampleDatabaseTests
{
    [Fact]
    public void Json_is_the_reopened_study_to_json_and_round_trips_through_from_json()
    {
        CliRun run = CliRun.Of("export", SampleStudies.Single, "--format", "json", "--storage", Database);

        Assert.True(run.ExitCode == 0, run.ToString());
        string expected;
        using (var storage = new SqliteStudyStorage(Database))
        {
            expected = Study.Open(storage, SampleStudies.Single).ToJson();
        }

        Assert.Equal(expected + Environment.NewLine, run.Output);
        Study imported = Study.FromJson(run.Output);
        Assert.Equal(expected, imported.ToJson());
        Assert.Equal(6, imported.Trials.Count);
        Assert.Equal(1, imported.BestTrial.Id);
        Assert.Equal(SampleStudies.FailReason, imported.Trials[2].FailReason);
    }

    [Fact]
    public void Json_to_a_file_is_exactly_to_json_and_the_file_path_is_printed()
    {
        string path = Folder.File("out/study.json");

        CliRun run = CliRun.Of("export", SampleStudies.Single, "--out", path, "--storage", Database);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(path + Environment.NewLine, run.Output);
        using var storage = new SqliteStudyStorage(Database);
        Assert.Equal(Study.Open(storage, SampleStudies.Single).ToJson(), File.ReadAllText(path));
    }

    [Fact]
    public void An_out_file_that_is_the_storage_database_or_its_log_is_refused_and_the_database_is_kept()
    {
        string link = Folder.File("link.db");
        File.CreateSymbolicLink(link, Database);
        string before = StudyJson();

        CliRun[] runs =
        [
            CliRun.Of("export", SampleStudies.Single, "--format", "csv", "--out", Database, "--storage", Database),
            CliRun.Of("export", SampleStudies.Single, "--format", "json", "--out", Database + "-wal", "--storage", Database),
            CliRun.Of("export", SampleStudies.Single, "--format", "csv", "--out", link, "--storage", "sqlite:" + Database),
            CliRun.Of("export", SampleStudies.Single, "--format", "csv", "--out", Database, "--storage", link),
        ];

        Assert.All(runs, run => Assert.True(run.ExitCode == ExitCodes.Usage, run.ToString()));
        Assert.All(runs, run => Assert.Contains("would overwrite the study database", run.Error, StringComparison.Ordinal));
        Assert.Equal(before, StudyJson());
    }

    [Fact]
    public void Csv_has_a_header_of_fixed_metric_and_parameter_columns()
    {
        List<string[]> records = CsvReader.Read(CliRun.Of("export", SampleStudies.Single, "-f", "csv", "-s", Database).Output);

        Assert.Equal(
            ["id", "state", "started", "finished", "duration_s", "loss", "latency_ms", "train_loss", "lr", "layers", "optimizer", "momentum", "fail_reason"],
            records[0]);
        Assert.Equal(7, records.Count);
        Assert.All(records, r => Assert.Equal(13, r.Length));
    }

    [Fact]
    public void Csv_rows_parse_back_to_the_stored_trials()
    {
        List<string[]> records = CsvReader.Read(CliRun.Of("export", SampleStudies.Single, "-f", "csv", "-s", Database).Output);
        using var storage = new SqliteStudyStorage(Database);
        Study study = Study.Open(storage, SampleStudies.Single);
        string[] header = records[0];

        foreach ((string[] row, Trial trial) in records.Skip(1).Zip(study.Trials))
        {
            string Cell(string column) => row[Array.IndexOf(header, column)];
            Assert.Equal(trial.Id, int.Parse(Cell("id"), CultureInfo.InvariantCulture));
            Assert.Equal(trial.State.ToString().ToLowerInvariant(), Cell("state"));
            Assert.Equal(trial.StartedAt, DateTimeOffset.Parse(Cell("started"), CultureInfo.InvariantCulture));
            Assert.Equal(trial.FinishedAt, Cell("finished") is { Length: > 0 } f ? DateTimeOffset.Parse(f, CultureInfo.InvariantCulture) : null);
            Assert.Equal(trial.IsFinished ? "90" : string.Empty, Cell("duration_s"));
            foreach (Metric metric in study.Metrics)
            {
                double? expected = trial.Values.TryGetValue(metric.Name, out double v) ? v : null;
                Assert.Equal(expected, Cell(metric.Name) is { Length: > 0 } m ? double.Parse(m, CultureInfo.InvariantCulture) : null);
            }

            Assert.Equal(trial.GetDouble("lr"), double.Parse(Cell("lr"), CultureInfo.InvariantCulture));
            Assert.Equal(trial.GetInt("layers").ToString(CultureInfo.InvariantCulture), Cell("layers"));
            Assert.Equal(trial.GetString("optimizer"), Cell("optimizer"));
            Assert.Equal(trial.IsActive("momentum") ? trial.GetDouble("momentum").ToString("R", CultureInfo.InvariantCulture) : string.Empty, Cell("momentum"));
            Assert.Equal(trial.FailReason ?? string.Empty, Cell("fail_reason"));
        }
    }

    [Fact]
    public void Csv_quotes_a_fail_reason_with_a_comma_quotes_and_a_line_break_as_rfc_4180_says()
    {
        string csv = CliRun.Of("export", SampleStudies.Single, "-f", "csv", "-s", Database).Output;

        Assert.Contains(",\"diverged, loss = \"\"nan\"\"\nat epoch 3\"\r\n", csv, StringComparison.Ordinal);
        Assert.Contains("\r\n2,failed,2026-03-01T09:03:00.0000000+00:00,2026-03-01T09:04:30.0000000+00:00,90,,,,0.5,1,sgd,0.5,", csv, StringComparison.Ordinal);
        Assert.Contains("\r\n5,running,2026-03-01T09:07:30.0000000+00:00,,,,,,0.2,2,sgd,0.75,\r\n", csv, StringComparison.Ordinal);
    }

    [Fact]
    public void The_format_follows_the_out_file_extension()
    {
        string path = Folder.File("trials.CSV");

        CliRun run = CliRun.Of("export", SampleStudies.Single, "-o", path, "-s", Database);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("id,state,started,", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_of_two_objectives_has_a_column_per_objective()
    {
        List<string[]> records = CsvReader.Read(CliRun.Of("export", SampleStudies.TwoObjectives, "-f", "csv", "-s", Database).Output);

        Assert.Equal(["id", "state", "started", "finished", "duration_s", "accuracy", "latency_ms", "width", "dropout", "fail_reason"], records[0]);
        Assert.Equal(["0.9", "10"], records[1][5..7]);
        Assert.Contains(records[1][8], new[] { "true", "false" });
    }
}
