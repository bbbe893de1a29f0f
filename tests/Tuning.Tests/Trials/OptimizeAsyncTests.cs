namespace Tuning.Tests.Trials;

public class OptimizeAsyncTests
{
    private static readonly SearchSpace Space = new SearchSpaceBuilder().Float("x", -2, 2).Build();

    [Fact]
    public async Task Runs_the_requested_trials_concurrently_and_reports_progress()
    {
        var study = new Study(Space, Metric.Minimize("loss"), new SobolSuggester(seed: 31));
        var updates = new List<StudyProgress>();
        var progress = new SynchronousProgress<StudyProgress>(updates.Add);
        int running = 0, maxRunning = 0;

        await study.OptimizeAsync(
            async (trial, ct) =>
            {
                int now = Interlocked.Increment(ref running);
                InterlockedMax(ref maxRunning, now);
                await Task.Delay(5, ct);
                Interlocked.Decrement(ref running);
                return trial.GetDouble("x") * trial.GetDouble("x");
            },
            trials: 24,
            maxConcurrency: 4,
            progress: progress);

        Assert.Equal(24, study.Trials.Count(t => t.State == TrialState.Completed));
        Assert.InRange(maxRunning, 2, 4);
        Assert.Equal(Enumerable.Range(1, 24), updates.Select(u => u.Finished));
        Assert.All(updates, u => Assert.Equal(24, u.Total));
        Assert.Equal(study.BestTrial.Value, updates[^1].BestValue);
        Assert.True(updates[^1].Elapsed > TimeSpan.Zero);
    }

    [Fact]
    public async Task A_trial_failed_elsewhere_while_its_objective_ran_keeps_that_verdict_and_the_run_goes_on()
    {
        // A worker paused past its grace period (a GC pause, a suspended machine) finds its trial failed as stale by
        // another worker's sweep when it tells the result; the sweep is played here through the storage itself.
        var storage = new InMemoryStudyStorage();
        Study study = Study.Create(storage, "paused", Space, Metric.Minimize("loss"), new SobolSuggester(seed: 31));
        void SweptWhileRunning(Trial trial)
        {
            if (trial.Id == 2)
            {
                storage.FinishTrial(study.StudyId, trial.Id, TrialState.Failed, new Dictionary<string, double>(), "stale: no heartbeat", DateTimeOffset.UtcNow);
            }
        }

        await study.OptimizeAsync(
            (trial, _) =>
            {
                SweptWhileRunning(trial);
                return Task.FromResult(trial.GetDouble("x") * trial.GetDouble("x"));
            },
            trials: 6);
        study.Optimize(
            trial =>
            {
                SweptWhileRunning(trial);
                return trial.GetDouble("x");
            },
            trials: 2);

        Assert.Equal(8, study.Trials.Count);
        Trial swept = study.Trials.Single(t => t.Id == 2);
        Assert.Equal(TrialState.Failed, swept.State);
        Assert.Equal("stale: no heartbeat", swept.FailReason);
        Assert.Equal(7, study.Trials.Count(t => t.State == TrialState.Completed));
    }

    [Fact]
    public async Task A_caught_exception_fails_its_trial_and_the_run_goes_on()
    {
        var study = new Study(Space, Metric.Minimize("loss"), new SobolSuggester(seed: 32));
        await study.OptimizeAsync(
            (trial, _) => trial.Id % 3 == 0 ? throw new InvalidDataException("bad batch") : Task.FromResult(1.0),
            trials: 9,
            maxConcurrency: 2,
            @catch: [typeof(InvalidDataException)]);

        Assert.Equal(3, study.Trials.Count(t => t.State == TrialState.Failed));
        Assert.Equal(6, study.Trials.Count(t => t.State == TrialState.Completed));
        Assert.All(study.Trials.Where(t => t.State == TrialState.Failed), t => Assert.Contains("bad batch", t.FailReason));
    }

    [Fact]
    public async Task An_out_of_memory_objective_fails_its_trial_like_any_other_exception()
    {
        var caught = new Study(Space, Metric.Minimize("loss"), new SobolSuggester(seed: 35));
        await caught.OptimizeAsync(
            (trial, _) => trial.Id == 2 ? throw new OutOfMemoryException("batch too large") : Task.FromResult(1.0),
            trials: 6,
            maxConcurrency: 2,
            @catch: [typeof(OutOfMemoryException)]);

        Assert.Equal(5, caught.Trials.Count(t => t.State == TrialState.Completed));
        Assert.Equal("OutOfMemoryException: batch too large", caught.Trials[2].FailReason);

        var uncaught = new Study(Space, Metric.Minimize("loss"), new SobolSuggester(seed: 36));
        await Assert.ThrowsAsync<OutOfMemoryException>(() => uncaught.OptimizeAsync(
            (trial, _) => trial.Id == 1 ? throw new OutOfMemoryException("batch too large") : Task.FromResult(1.0), trials: 6));
        Assert.Equal(TrialState.Failed, uncaught.Trials[1].State);
        Assert.DoesNotContain(uncaught.Trials, t => t.State == TrialState.Running);
        Assert.Throws<OutOfMemoryException>(() => uncaught.Optimize(trial => trial.Id >= 0 ? throw new OutOfMemoryException("again") : 1.0, trials: 1));
        Assert.DoesNotContain(uncaught.Trials, t => t.State == TrialState.Running);
    }

    [Theory]
    [InlineData("Password")]
    [InlineData("Pwd")]
    [InlineData("PWD")]
    [InlineData("Psw")] // Npgsql takes all three spellings of the password's key, in any case
    [InlineData("psw")]
    public async Task The_fail_reason_of_an_exception_that_quotes_a_connection_string_keeps_no_password(string key)
    {
        var study = new Study(Space, Metric.Minimize("loss"), new SobolSuggester(seed: 32));
        await study.OptimizeAsync(
            (trial, _) => trial.Id >= 0 ? throw new InvalidDataException($"cannot reach Host=db;Username=me;{key}=hunter2;Database=runs") : Task.FromResult(1.0),
            trials: 1,
            @catch: [typeof(InvalidDataException)]);

        string reason = study.Trials.Single().FailReason!;
        Assert.Contains($"InvalidDataException: cannot reach Host=db;Username=me;{key}=***", reason);
        Assert.DoesNotContain("hunter2", reason);
    }

    [Theory]
    [InlineData("cannot reach postgres://me:hunter2@db:5432/runs", "postgres://me:***@db:5432/runs")]
    [InlineData("cannot reach redis://:hunter2@cache/0", "redis://:***@cache/0")]
    public async Task The_fail_reason_of_an_exception_that_quotes_a_url_keeps_no_password(string message, string masked)
    {
        var study = new Study(Space, Metric.Minimize("loss"), new SobolSuggester(seed: 32));
        await study.OptimizeAsync(
            (trial, _) => trial.Id >= 0 ? throw new InvalidDataException(message) : Task.FromResult(1.0),
            trials: 1,
            @catch: [typeof(InvalidDataException)]);

        string reason = study.Trials.Single().FailReason!;
        Assert.Contains(masked, reason, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_exception_stops_the_run_after_failing_the_trial_by_default()
    {
        var study = new Study(Space, Metric.Minimize("loss"), new SobolSuggester(seed: 33));
        await Assert.ThrowsAsync<InvalidDataException>(() => study.OptimizeAsync(
            (trial, _) => trial.Id == 2 ? throw new InvalidDataException("stop") : Task.FromResult(1.0),
            trials: 50));

        Assert.Equal(3, study.Trials.Count);
        Assert.Equal(TrialState.Failed, study.Trials[2].State);
        Assert.DoesNotContain(study.Trials, t => t.State == TrialState.Running);
    }

    [Fact]
    public async Task Cancellation_leaves_no_trial_running()
    {
        var study = new Study(Space, Metric.Minimize("loss"), new SobolSuggester(seed: 34));
        using var cts = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => study.OptimizeAsync(
            async (trial, ct) =>
            {
                if (trial.Id == 5)
                {
                    await cts.CancelAsync();
                }

                await Task.Delay(trial.Id >= 5 ? 10_000 : 1, ct);
                return 1.0;
            },
            trials: 100,
            maxConcurrency: 3,
            cancellationToken: cts.Token));

        IReadOnlyList<Trial> trials = study.Trials;
        Assert.InRange(trials.Count, 6, 10);
        Assert.DoesNotContain(trials, t => t.State == TrialState.Running);
        Assert.Contains(trials, t => t.FailReason == "cancelled");
    }

    [Fact]
    public async Task An_objective_can_prune_its_trial()
    {
        var study = new Study(Space, Metric.Minimize("loss"), new SobolSuggester(seed: 35));
        await study.OptimizeAsync(
            (trial, _) =>
            {
                trial.Report(1, 10 + trial.Id);
                return trial.Id % 2 == 0 ? throw new TrialPrunedException() : Task.FromResult(1.0);
            },
            trials: 6);

        Assert.Equal(3, study.Trials.Count(t => t.State == TrialState.Pruned));
        Assert.Equal(10.0, study.Trials[0].Value);
    }

    [Fact]
    public async Task Several_metrics_are_measured_together()
    {
        var study = new Study(Space, [Metric.Minimize("loss"), Metric.Constraint("ms", max: 1)], new SobolSuggester(seed: 36));
        await study.OptimizeAsync(
            (trial, _) => Task.FromResult(new Measurements { ["loss"] = trial.GetDouble("x"), ["ms"] = trial.GetDouble("x") + 1 }),
            trials: 16,
            maxConcurrency: 2);
        Assert.True(study.BestTrial.Values["ms"] <= 1);
        Assert.Equal(study.Trials.Where(t => t.Values["ms"] <= 1).Min(t => t.Value), study.BestTrial.Value);
    }

    [Fact]
    public async Task A_diverged_run_that_returns_nan_or_infinity_fails_its_trial_and_the_run_goes_on()
    {
        double[] diverged = [double.NaN, double.PositiveInfinity, double.NegativeInfinity];
        var study = new Study(Space, Metric.Minimize("loss"), new SobolSuggester(seed: 37));
        await study.OptimizeAsync((trial, _) => Task.FromResult(trial.Id < 3 ? diverged[trial.Id] : 1.0), trials: 8, maxConcurrency: 2);

        Assert.Equal(3, study.Trials.Count(t => t.State == TrialState.Failed));
        Assert.Equal(5, study.Trials.Count(t => t.State == TrialState.Completed));
        Assert.Equal("The objective returned NaN for the metric 'loss'.", study.Trials.Single(t => t.Id == 0).FailReason);
        Assert.Equal("The objective returned -Infinity for the metric 'loss'.", study.Trials.Single(t => t.Id == 2).FailReason);

        var synchronous = new Study(Space, Metric.Minimize("loss"), new SobolSuggester(seed: 38));
        synchronous.Optimize(trial => trial.Id == 1 ? double.NaN : 1.0, trials: 4);
        Assert.Equal([TrialState.Completed, TrialState.Failed, TrialState.Completed, TrialState.Completed], synchronous.Trials.Select(t => t.State));
    }

    [Fact]
    public async Task A_diverged_run_that_reports_nan_or_infinity_fails_its_trial_and_the_run_goes_on()
    {
        // A training run that diverges reports its NaN loss before it could return it: Report refuses the value, and
        // the run treats the refusal as it treats a returned NaN.
        static double Objective(Trial trial)
        {
            trial.Report(1, 0.5);
            trial.Report(2, trial.Id switch { 1 => double.NaN, 2 => double.PositiveInfinity, _ => 0.4 });
            return 0.4;
        }

        var study = new Study(Space, Metric.Minimize("loss"), new SobolSuggester(seed: 45), new StudyOptions { Pruner = new MedianPruner() });
        await study.OptimizeAsync((trial, _) => Task.FromResult(Objective(trial)), trials: 6, maxConcurrency: 2);
        Assert.Equal(2, study.Trials.Count(t => t.State == TrialState.Failed));
        Assert.Equal(4, study.Trials.Count(t => t.State == TrialState.Completed));
        Assert.Equal("The objective reported NaN at step 2.", study.Trials[1].FailReason);
        Assert.Equal("The objective reported Infinity at step 2.", study.Trials[2].FailReason);
        Assert.Equal([new TrialReport(1, 0.5)], study.Trials[1].Reports);

        var synchronous = new Study(Space, Metric.Minimize("loss"), new SobolSuggester(seed: 46));
        synchronous.Optimize(Objective, trials: 4);
        Assert.Equal([TrialState.Completed, TrialState.Failed, TrialState.Failed, TrialState.Completed], synchronous.Trials.Select(t => t.State));
    }

    [Fact]
    public void A_refused_report_the_objective_caught_does_not_fail_a_trial_that_later_fails_otherwise()
    {
        // Only the refusal itself, ending the objective, is a diverged run; another ArgumentException stops the run as before.
        var study = new Study(Space, Metric.Minimize("loss"), new SobolSuggester(seed: 47));
        ArgumentException error = Assert.Throws<ArgumentException>(() => study.Optimize(
            (Func<Trial, double>)(trial =>
            {
                try
                {
                    trial.Report(1, double.NaN);
                }
                catch (ArgumentException)
                {
                    // the objective handles its own divergence
                }

                throw new ArgumentException("a mistake in the objective");
            }),
            trials: 3));
        Assert.Equal("a mistake in the objective", error.Message);
        Assert.Single(study.Trials);
    }

    [Fact]
    public async Task Measurements_with_a_nan_value_fail_their_trial_but_a_missing_metric_stops_the_run()
    {
        Metric[] metrics = [Metric.Minimize("loss"), Metric.Constraint("ms", max: 1)];
        var study = new Study(Space, metrics, new SobolSuggester(seed: 39));
        await study.OptimizeAsync(
            (trial, _) => Task.FromResult(new Measurements { ["loss"] = 1, ["ms"] = trial.Id == 1 ? double.NaN : 0.5 }),
            trials: 4);
        Assert.Equal("The objective returned NaN for the metric 'ms'.", study.Trials.Single(t => t.State == TrialState.Failed).FailReason);
        Assert.Equal(3, study.Trials.Count(t => t.State == TrialState.Completed));

        var broken = new Study(Space, metrics, new SobolSuggester(seed: 40));
        ArgumentException error = Assert.Throws<ArgumentException>(() => broken.Optimize(_ => new Measurements { ["loss"] = double.NaN }, trials: 4));
        Assert.Contains("'ms'", error.Message);
        Assert.Single(broken.Trials);
    }

    [Fact]
    public async Task Measurements_that_are_null_or_name_an_unknown_metric_stop_the_run_naming_the_objective()
    {
        Metric[] metrics = [Metric.Minimize("loss"), Metric.Store("ms")];
        var unknown = new Study(Space, metrics, new SobolSuggester(seed: 42));
        var none = new Study(Space, metrics, new SobolSuggester(seed: 43));

        ArgumentException named = Assert.Throws<ArgumentException>(() => unknown.Optimize(_ => new Measurements { ["loss"] = 1, ["ms"] = 2, ["gpu"] = 3 }, trials: 3));
        ArgumentException returnedNull = await Assert.ThrowsAsync<ArgumentException>(() => none.OptimizeAsync((_, _) => Task.FromResult<Measurements>(null!), trials: 3));

        Assert.Equal("objective", named.ParamName);
        Assert.Contains("'gpu'", named.Message, StringComparison.Ordinal);
        Assert.Equal("objective", returnedNull.ParamName);
        Assert.IsNotType<ArgumentNullException>(returnedNull);
        Assert.Contains("returned null for trial 0", returnedNull.Message, StringComparison.Ordinal);
        Assert.Equal(TrialState.Failed, Assert.Single(none.Trials).State);
    }

    [Fact]
    public async Task An_objective_that_returns_a_null_task_stops_the_run_naming_the_objective()
    {
        var study = new Study(Space, Metric.Minimize("loss"), new SobolSuggester(seed: 44));

        ArgumentException e = await Assert.ThrowsAsync<ArgumentException>(() => study.OptimizeAsync((_, _) => (Task<double>)null!, trials: 3));

        Assert.Equal("objective", e.ParamName);
        Assert.Contains("null task for trial 0", e.Message, StringComparison.Ordinal);
        Assert.Equal(TrialState.Failed, Assert.Single(study.Trials).State);
    }

    [Fact]
    public async Task A_trial_failed_exception_fails_its_trial_with_its_message_and_the_run_goes_on()
    {
        var study = new Study(Space, Metric.Minimize("loss"), new SobolSuggester(seed: 41));
        await study.OptimizeAsync(
            (trial, _) => trial.Id % 3 == 1 ? throw new TrialFailedException($"run {trial.Id} diverged; Password=hunter2") : Task.FromResult(1.0),
            trials: 6,
            maxConcurrency: 2);

        Assert.Equal([1, 4], study.Trials.Where(t => t.State == TrialState.Failed).Select(t => t.Id));
        Assert.Equal("run 1 diverged; Password=***", study.Trials.Single(t => t.Id == 1).FailReason);
        Assert.Equal(4, study.Trials.Count(t => t.State == TrialState.Completed));

        var synchronous = new Study(Space, Metric.Minimize("loss"), new SobolSuggester(seed: 42));
        synchronous.Optimize(trial => trial.Id == 0 ? throw new TrialFailedException("no usable model") : 1.0, trials: 3);
        Assert.Equal([TrialState.Failed, TrialState.Completed, TrialState.Completed], synchronous.Trials.Select(t => t.State));
    }

    [Fact]
    public async Task A_finished_grid_ends_the_run_early_without_an_exception()
    {
        SearchSpace three = new SearchSpaceBuilder().Int("k", 0, 2).Build();
        var study = new Study(three, Metric.Minimize("loss"), new GridSuggester());
        await study.OptimizeAsync((trial, _) => Task.FromResult((double)trial.GetInt("k")), trials: 10, maxConcurrency: 2);
        Assert.Equal([0, 1, 2], study.Trials.Select(t => t.GetInt("k")).Order());
        Assert.All(study.Trials, t => Assert.Equal(TrialState.Completed, t.State));

        var synchronous = new Study(three, Metric.Minimize("loss"), new GridSuggester());
        synchronous.Optimize(trial => trial.GetInt("k"), trials: 5);
        Assert.Equal(3, synchronous.Trials.Count(t => t.State == TrialState.Completed));
    }

    [Fact]
    public async Task Bad_arguments_are_refused()
    {
        var study = new Study(Space, Metric.Minimize("loss"));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => study.OptimizeAsync((_, _) => Task.FromResult(1.0), trials: 0));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => study.OptimizeAsync((_, _) => Task.FromResult(1.0), trials: 3, maxConcurrency: 0));
        Assert.Empty(study.Trials);
    }

    [Fact]
    public async Task An_objective_of_one_value_for_a_study_of_several_metrics_is_refused_before_any_trial_runs()
    {
        var study = new Study(Space, [Metric.Minimize("loss"), Metric.Store("size")], new RandomSuggester(seed: 32));
        int calls = 0;

        var async = await Assert.ThrowsAsync<ArgumentException>(() => study.OptimizeAsync((_, _) => Task.FromResult((double)++calls), trials: 5, maxConcurrency: 3));
        var sync = Assert.Throws<ArgumentException>(() => study.Optimize(_ => ++calls, trials: 5));

        foreach (ArgumentException e in new[] { async, sync })
        {
            Assert.Equal("objective", e.ParamName);
            Assert.Contains("2 metrics (loss, size)", e.Message, StringComparison.Ordinal);
            Assert.Contains("Measurements", e.Message, StringComparison.Ordinal);
        }

        Assert.Equal(0, calls);
        Assert.Empty(study.Trials);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
