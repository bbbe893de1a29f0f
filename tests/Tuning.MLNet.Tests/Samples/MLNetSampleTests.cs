using MLNetSample;

namespace Tuning.MLNet.Tests.Samples;

public sealed class MLNetSampleTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tuning-mlnet-sample-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_tuning_code_path_runs_on_a_tiny_budget()
    {
        var settings = new TuningSettings
        {
            Trials = 3,
            Concurrency = 2,
            Folds = 2,
            MaxTrainMilliseconds = 60_000,
            ReportPath = Path.Combine(_folder, "report.html"),
        };
        var progress = new Recorder();

        TuningOutcome outcome = await new BreastCancerTuning(settings).RunAsync(progress);

        IReadOnlyList<Trial> trials = outcome.Study.Trials;
        Assert.Equal(3, trials.Count);
        Assert.All(trials, t => Assert.Equal(TrialState.Completed, t.State));
        Assert.Equal([1, 2, 3], progress.Reports.Select(p => p.Finished).Order());
        Assert.All(progress.Reports, p => Assert.Equal(3, p.Total));

        // Better than a coin's log-loss (ln 2), with every metric measured; the first trial is LightGBM's defaults.
        Trial best = Assert.IsType<Trial>(outcome.Best);
        Assert.InRange(best.Values[BreastCancerTuning.Objective], 0, Math.Log(2));
        Assert.InRange(best.Values["auc"], 0.5, 1);
        Assert.InRange(best.Values["accuracy"], 0.5, 1);
        Assert.True(best.Values[CrossValidationObjective.TrainSeconds] > 0);
        Assert.Equal((100, 0.1, 31), (trials[0].GetInt("NumberOfIterations"), trials[0].GetDouble("LearningRate"), trials[0].GetInt("NumberOfLeaves")));

        Assert.Equal(["FastTree", "LightGBM"], outcome.Defaults.Keys.Order());
        Assert.All(outcome.Defaults.Values, d => Assert.InRange(d["log_loss"], 0, Math.Log(2)));

        string report = Assert.IsType<string>(outcome.ReportPath);
        Assert.Contains("\"id\":\"history\"", await File.ReadAllTextAsync(report), StringComparison.Ordinal);
        Study reread = Study.FromJson(await File.ReadAllTextAsync(Path.ChangeExtension(report, ".json")));
        Assert.Equal(3, reread.Trials.Count);
    }

    [Fact]
    public void The_command_line_sets_the_budget_and_the_options()
    {
        TuningSettings settings = TuningSettings.Parse(["4", "--folds", "3", "--concurrency", "1", "--suggester", "random", "--max-train-ms", "75.5", "--no-report", "--no-defaults"]);
        Assert.Equal(4, settings.Trials);
        Assert.Equal(3, settings.Folds);
        Assert.Equal(1, settings.Concurrency);
        Assert.Equal("random", settings.Suggester);
        Assert.Equal(75.5, settings.MaxTrainMilliseconds);
        Assert.Null(settings.ReportPath);
        Assert.False(settings.CompareWithDefaults);
        Assert.Equal(40, TuningSettings.Parse([]).Trials);
        Assert.Equal(7, TuningSettings.Parse(["--trials", "7"]).Trials);
        Assert.Throws<ArgumentException>(() => TuningSettings.Parse(["--bogus"]));
    }

    [Theory]
    [InlineData("--suggester", "tpe", "--suggester takes one of gp, sobol, random, not 'tpe'.")]
    [InlineData("--trials", "0", "--trials takes an integer of at least 1, not '0'.")]
    [InlineData("--concurrency", "0", "--concurrency takes an integer of at least 1, not '0'.")]
    [InlineData("--folds", "1", "--folds takes an integer of at least 2, not '1'.")]
    [InlineData("--seed", "x", "--seed takes an integer, not 'x'.")]
    [InlineData("--max-train-ms", "0", "--max-train-ms takes a positive number, not '0'.")]
    [InlineData("0", null, "[trials] takes an integer of at least 1, not '0'.")]
    [InlineData("--report", "", "--report takes the path of an HTML file, not ''.")]
    [InlineData("--report", ".", "--report takes the path of an HTML file, not '.', which is a folder.")]
    [InlineData("--data", " ", "--data takes the path of a CSV file, not ' '.")]
    public void A_value_the_run_cannot_use_is_refused_when_the_command_line_is_read(string option, string? value, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => TuningSettings.Parse(value is null ? [option] : [option, value]));

        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
        Assert.Contains("Usage: [trials]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_line_mistake_exits_with_code_2_and_its_message_instead_of_a_stack_trace()
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[] { Path.Combine(AppContext.BaseDirectory, "MLNet.dll"), "--folds", "1" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        Task<string> output = process.StandardOutput.ReadToEndAsync(limit.Token), error = process.StandardError.ReadToEndAsync(limit.Token);
        await process.WaitForExitAsync(limit.Token);

        Assert.Equal(2, process.ExitCode);
        Assert.StartsWith("--folds takes an integer of at least 2, not '1'.", await error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", await error + await output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_suggester_is_chosen_by_name()
    {
        Assert.IsType<GaussianProcessSuggester>(BreastCancerTuning.CreateSuggester("gp", 1));
        Assert.IsType<SobolSuggester>(BreastCancerTuning.CreateSuggester("sobol", 1));
        Assert.IsType<RandomSuggester>(BreastCancerTuning.CreateSuggester("random", 1));
        Assert.Throws<ArgumentException>(() => BreastCancerTuning.CreateSuggester("annealing", 1));
    }

    /// <summary>Records progress synchronously (<see cref="Progress{T}"/> would post to the thread pool).</summary>
    private sealed class Recorder : IProgress<StudyProgress>
    {
        private readonly Lock _gate = new();
        private readonly List<StudyProgress> _reports = [];

        public IReadOnlyList<StudyProgress> Reports
        {
            get
            {
                lock (_gate)
                {
                    return [.. _reports];
                }
            }
        }

        public void Report(StudyProgress value)
        {
            lock (_gate)
            {
                _reports.Add(value);
            }
        }
    }
}
