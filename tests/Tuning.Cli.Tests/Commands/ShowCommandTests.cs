using Tuning.Cli.Tests.Support;

namespace Tuning.Cli.Tests.Commands;

public sealed class ShowCommandTests : SampleDatabaseTests
{
    [Fact]
    public void Shows_the_space_and_metrics_as_stored()
    {
        CliRun run = CliRun.Of("show", SampleStudies.Single, "--storage", Database);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"Study:    {SampleStudies.Single}", run.Output, StringComparison.Ordinal);
        Assert.Contains($"Storage:  sqlite:{Database}", run.Output, StringComparison.Ordinal);
        Assert.Contains("Search space (4 parameters):", run.Output, StringComparison.Ordinal);
        Assert.Contains("lr float [0.0001, 1] log", Collapsed(run.Output));
        Assert.Contains("layers int [1, 4]", Collapsed(run.Output));
        Assert.Contains("optimizer categorical {adam, sgd}", Collapsed(run.Output));
        Assert.Contains("momentum float [0, 0.99] when optimizer in {sgd}", Collapsed(run.Output));
        Assert.Contains("loss minimize", Collapsed(run.Output));
        Assert.Contains("latency_ms constraint <= 20", Collapsed(run.Output));
        Assert.Contains("train_loss store", Collapsed(run.Output));
    }

    [Fact]
    public void Shows_every_trial_with_state_values_parameters_duration_and_fail_reason()
    {
        CliRun run = CliRun.Of("show", SampleStudies.Single, "--storage", Database);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Trials: 6 (3 completed, 1 pruned, 1 failed, 1 running)", run.Output, StringComparison.Ordinal);
        List<string[]> rows = [.. Lines(run.Output).SkipWhile(l => !l.StartsWith("id ", StringComparison.Ordinal)).Take(7).Select(Words)];
        Assert.Equal(["id", "state", "loss", "latency_ms", "train_loss", "lr", "layers", "optimizer", "momentum", "duration", "fail", "reason"], rows[0]);
        Assert.Equal(["0", "completed", "0.3", "12", "0.25", "0.01", "2", "adam", "-", "1m", "30s"], rows[1]);
        Assert.Equal(["1", "completed", "0.2", "15", "0.125", "0.1", "3", "sgd", "0.9", "1m", "30s"], rows[2]);
        Assert.Equal(["2", "failed", "-", "-", "-", "0.5", "1", "sgd", "0.5", "1m", "30s", "diverged,", "loss", "=", "\"nan\"", "at", "epoch", "3"], rows[3]);
        Assert.Equal(["3", "pruned", "0.6", "-", "-", "0.001", "4", "adam", "-", "1m", "30s"], rows[4]);
        Assert.Equal(["4", "completed*", "0.1", "30", "0.0625", "0.05", "2", "adam", "-", "1m", "30s"], rows[5]);
        Assert.Equal(["5", "running", "-", "-", "-", "0.2", "2", "sgd", "0.75"], rows[6][..9]);
        Assert.Contains("* completed, but breaks a constraint", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Shows_the_best_feasible_trial()
    {
        CliRun run = CliRun.Of("show", SampleStudies.Single, "--storage", Database);

        string best = run.Output[run.Output.IndexOf("Best trial:", StringComparison.Ordinal)..];
        Assert.Equal(
            ["Best trial: #1", "values:     loss = 0.2, latency_ms = 15, train_loss = 0.125", "parameters: lr = 0.1, layers = 3, optimizer = sgd, momentum = 0.9", "duration:   1m 30s"],
            Lines(best));
    }

    [Fact]
    public void Shows_the_fidelity_in_the_space_and_of_every_trial_and_marks_runs_below_the_target()
    {
        string path = Path.Combine(Path.GetTempPath(), "tuning-cli-tests", Guid.NewGuid().ToString("N"), "fidelity.db");
        using (var storage = new Tuning.Storage.Sqlite.SqliteStudyStorage(path))
        {
            SearchSpace space = new SearchSpaceBuilder().Float("lr", 1e-4, 1e-1, log: true).IntFidelity("epochs", 1, 27).Build();
            Study study = Study.Create(storage, "curves", space, [Metric.Minimize("val_loss")], new RandomSuggester(seed: 1));
            study.Enqueue(new Dictionary<string, object> { ["lr"] = 0.01, ["epochs"] = 3 });
            study.Tell(study.Ask(), 0.2); // cheap and better-looking: not a result
            study.Tell(study.Ask(), 0.5); // at the target
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        CliRun run = CliRun.Of("show", "curves", "--storage", path);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Search space (1 parameter and the fidelity epochs):", run.Output, StringComparison.Ordinal);
        string[] lines = Collapsed(run.Output);
        Assert.Contains(lines, l => l.StartsWith("epochs int fidelity [1, 27], target 27", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("0 completed° 0.2 0.01 3 ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("1 completed 0.5 ", StringComparison.Ordinal) && l.Contains(" 27 ", StringComparison.Ordinal));
        Assert.Contains("° completed below the target fidelity", run.Output, StringComparison.Ordinal);
        Assert.Contains("Best trial: #1", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_that_breaks_a_constraint_never_reads_as_its_threshold()
    {
        // 20.000001 against "constraint <= 20" was written 20 on a row marked as breaking it; a threshold of 0.1 + 0.2
        // was written 0.3, the same as a value of 0.3 that breaks it.
        string path = Path.Combine(Path.GetTempPath(), "tuning-cli-tests", Guid.NewGuid().ToString("N"), "thresholds.db");
        using (var storage = new Tuning.Storage.Sqlite.SqliteStudyStorage(path))
        {
            Metric[] metrics = [Metric.Minimize("loss"), Metric.Constraint("latency_ms", max: 20), Metric.Constraint("share", min: 0.1 + 0.2)];
            Study study = Study.Create(storage, "thresholds", new SearchSpaceBuilder().Float("x", 0, 1).Build(), metrics, new RandomSuggester(seed: 1));
            study.Tell(study.Ask(), new Measurements { ["loss"] = 1, ["latency_ms"] = 20.000001, ["share"] = 0.5 });
            study.Tell(study.Ask(), new Measurements { ["loss"] = 2, ["latency_ms"] = 20, ["share"] = 0.3 });
            study.Tell(study.Ask(), new Measurements { ["loss"] = 3, ["latency_ms"] = 12.3456789, ["share"] = 0.5 });
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        CliRun run = CliRun.Of("show", "thresholds", "--storage", path);

        Assert.True(run.ExitCode == 0, run.ToString());
        string[] lines = Collapsed(run.Output);
        Assert.Contains("latency_ms constraint <= 20", lines);
        Assert.Contains("share constraint >= 0.30000000000000004", lines);
        Assert.Contains(lines, l => l.StartsWith("0 completed* 1 20.000001 0.5 ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("1 completed* 2 20 0.3 ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("2 completed 3 12.3457 0.5 ", StringComparison.Ordinal));
        Assert.Contains("values:     loss = 3, latency_ms = 12.3457, share = 0.5", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Shows_the_pareto_front_and_its_hypervolume_for_two_objectives()
    {
        CliRun run = CliRun.Of("show", SampleStudies.TwoObjectives, "--storage", Database);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain("Best trial", run.Output, StringComparison.Ordinal);
        Assert.Contains("Pareto front: 3 trials (#0, #1, #3)", run.Output, StringComparison.Ordinal);
        string front = run.Output[run.Output.IndexOf("Pareto front:", StringComparison.Ordinal)..];
        Assert.Equal(["id", "state", "accuracy", "latency_ms", "width", "dropout", "duration"], Words(Lines(front)[1]));
        Assert.Equal(["0", "1", "3"], Lines(front).Skip(2).Take(3).Select(l => Words(l)[0]));
        Assert.Contains("Hypervolume: ", front, StringComparison.Ordinal);
        Assert.Contains("inferred from the front", front, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pareto_front_of_one_trial_reads_in_the_singular()
    {
        string path = Path.Combine(Path.GetTempPath(), "tuning-cli-tests", Guid.NewGuid().ToString("N"), "single.db");
        using (var storage = new Tuning.Storage.Sqlite.SqliteStudyStorage(path))
        {
            Study study = Study.Create(storage, "one-trial", new SearchSpaceBuilder().Float("x", 0, 1).Build(), [Metric.Minimize("a"), Metric.Maximize("b")], new RandomSuggester(seed: 1));
            study.Tell(study.Ask(), new Measurements { ["a"] = 1, ["b"] = 2 });
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        CliRun run = CliRun.Of("show", "one-trial", "--storage", path);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Search space (1 parameter):", run.Output, StringComparison.Ordinal);
        Assert.Contains("Pareto front: 1 trial (#0)", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hypervolume_beyond_the_largest_double_is_said_so_and_the_study_still_shows()
    {
        // A diverged run told as 1e300 on the front with a latency range of 1e9: the area overflows a double. The tool
        // ended with "Unexpected failure" after the front, and `studies --format json` listed no study at all.
        string path = Path.Combine(Path.GetTempPath(), "tuning-cli-tests", Guid.NewGuid().ToString("N"), "overflow.db");
        using (var storage = new Tuning.Storage.Sqlite.SqliteStudyStorage(path))
        {
            Study study = Study.Create(storage, "diverged", new SearchSpaceBuilder().Float("x", 0, 1).Build(), [Metric.Minimize("loss"), Metric.Minimize("latency_ns")], new RandomSuggester(seed: 1));
            study.Tell(study.Ask(), new Measurements { ["loss"] = 1e300, ["latency_ns"] = 1 });
            study.Tell(study.Ask(), new Measurements { ["loss"] = 0.1, ["latency_ns"] = 1e9 });
            Study fine = Study.Create(storage, "fine", new SearchSpaceBuilder().Float("x", 0, 1).Build(), Metric.Minimize("loss"), new RandomSuggester(seed: 1));
            fine.Tell(fine.Ask(), 0.5);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        CliRun show = CliRun.Of("show", "diverged", "--storage", path);
        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Contains("Pareto front: 2 trials (#0, #1)", show.Output, StringComparison.Ordinal);
        Assert.Contains("Hypervolume: none (reference point loss = 1.1e+300, latency_ns = 1.1e+09, inferred from the front). The hypervolume exceeds the largest double", show.Output, StringComparison.Ordinal);

        CliRun json = CliRun.Of("show", "diverged", "--format", "json", "--storage", path);
        Assert.True(json.ExitCode == 0, json.ToString());
        System.Text.Json.Nodes.JsonNode front = System.Text.Json.Nodes.JsonNode.Parse(json.Output)!["paretoFront"]!;
        Assert.Equal([0, 1], front["trials"]!.AsArray().Select(n => (int)n!));
        Assert.Null(front["hypervolume"]);
        Assert.Equal(1.1e300, (double)front["referencePoint"]![0]!, 1e286);

        CliRun studies = CliRun.Of("studies", "--format", "json", "--storage", path);
        Assert.True(studies.ExitCode == 0, studies.ToString());
        Assert.Equal(["diverged", "fine"], System.Text.Json.Nodes.JsonNode.Parse(studies.Output)!.AsArray().Select(n => (string?)n!["name"]));
    }

    private static string[] Lines(string text) => [.. text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];

    private static string[] Words(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The lines with their runs of spaces collapsed to one, to compare aligned table rows.</summary>
    private static string[] Collapsed(string text) => [.. Lines(text).Select(l => string.Join(' ', Words(l)))];
}
