using System.Globalization;

namespace Tuning;

public sealed partial class Study
{
    /// <summary>
    /// Runs <paramref name="trials"/> trials of a single-metric objective, up to <paramref name="maxConcurrency"/> at a time.
    /// </summary>
    /// <param name="objective">Evaluates a trial and returns its value. It may call <see cref="Trial.Report"/>, throw <see cref="TrialPrunedException"/> to prune its trial, and throw <see cref="TrialFailedException"/> to fail it and go on. A NaN or infinite value, returned or reported (a diverged run), fails its trial, and the run goes on; a null task instead of a task stops the run with an <see cref="ArgumentException"/> that names <paramref name="objective"/>.</param>
    /// <param name="trials">How many trials to run; at least 1. A suggester with nothing left to suggest (a finished <see cref="GridSuggester"/>) ends the run early, without an exception.</param>
    /// <param name="maxConcurrency">
    /// How many trials run at once; the default is 1. With 1, a run of a seeded suggester makes the same trials every
    /// time; with more, each ask sees the trials that happen to have finished by then, so the trials depend on the
    /// objectives' timing.
    /// </param>
    /// <param name="progress">Receives a <see cref="StudyProgress"/> after every finished trial, such as <c>new Progress&lt;StudyProgress&gt;(p =&gt; …)</c> (see <see cref="StudyProgress"/> for the order of reports); the default is none.</param>
    /// <param name="catch">
    /// The exception types (and their subtypes) that only fail their trial, after which the run goes on, as Optuna's
    /// <c>catch=</c>. Any other exception of the objective fails its trial (with the exception's message, any
    /// <c>Password=</c> value masked, as in the reason of a trial whose end the storage failed to record), stops the run
    /// (no new trial starts; running ones are cancelled) and is rethrown once the running ones end. The default is
    /// <see langword="null"/>: every exception stops the run.
    /// </param>
    /// <param name="cancellationToken">
    /// Stops the run: no new trial starts, and the token reaches the running objectives. A trial whose objective ends by
    /// the cancellation (throws <see cref="OperationCanceledException"/>, or an <see cref="AggregateException"/> of
    /// nothing else, as a synchronous wait on a cancelled task does) is marked failed ("cancelled"); one whose
    /// objective still returns a value is told it; one whose ask was under way is marked failed ("cancelled") without
    /// its objective running. None is left running.
    /// </param>
    /// <returns>
    /// A task that completes when every trial has finished. The asks, the objectives and the tells run on the thread
    /// pool, and nothing of the run returns to the caller's synchronization context, so a caller that blocks on the task
    /// (<c>Wait()</c>, <c>Result</c>) on a UI thread or another single-threaded context does not deadlock.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="trials"/> or <paramref name="maxConcurrency"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">
    /// The study has more than one metric (the objective must return <see cref="Measurements"/>), or <paramref name="catch"/>
    /// holds a type that is not an exception; no trial runs.
    /// </exception>
    /// <exception cref="OperationCanceledException">
    /// The run was cancelled (the exception carries <paramref name="cancellationToken"/>); or the objective threw one of
    /// its own while the run was not cancelled (a timeout of its own, say), which, as any other exception, failed its
    /// trial and stopped the run, unless its type is in <paramref name="catch"/>.
    /// </exception>
    /// <example>
    /// <code>
    /// var progress = new Progress&lt;StudyProgress&gt;(p =&gt; Console.WriteLine($"{p.Finished}/{p.Total}, best {p.BestValue}"));
    /// await study.OptimizeAsync(async (trial, ct) =&gt; await TrainAsync(trial, ct), trials: 50, maxConcurrency: 4, progress: progress,
    ///     @catch: [typeof(OutOfMemoryException)]);
    /// </code>
    /// </example>
    public Task OptimizeAsync(
        Func<Trial, CancellationToken, Task<double>> objective,
        int trials,
        int maxConcurrency = 1,
        IProgress<StudyProgress>? progress = null,
        IReadOnlyCollection<Type>? @catch = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        CheckOneMetric(nameof(objective));
        return OptimizeCoreAsync(objective, TellOrFail, trials, maxConcurrency, progress, @catch, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="trials"/> trials of an objective that measures several metrics, up to <paramref name="maxConcurrency"/> at a time.
    /// </summary>
    /// <param name="objective">Evaluates a trial and returns a value for every metric. It may call <see cref="Trial.Report"/>, throw <see cref="TrialPrunedException"/> to prune its trial, and throw <see cref="TrialFailedException"/> to fail it and go on. A NaN or infinite value, returned or reported (a diverged run), fails its trial, and the run goes on; returning null (or a null task), or a missing or unknown metric, stops the run with an <see cref="ArgumentException"/> that names <paramref name="objective"/>.</param>
    /// <param name="trials">How many trials to run; at least 1. A suggester with nothing left to suggest (a finished <see cref="GridSuggester"/>) ends the run early, without an exception.</param>
    /// <param name="maxConcurrency">
    /// How many trials run at once; the default is 1. With 1, a run of a seeded suggester makes the same trials every
    /// time; with more, each ask sees the trials that happen to have finished by then, so the trials depend on the
    /// objectives' timing.
    /// </param>
    /// <param name="progress">Receives a <see cref="StudyProgress"/> after every finished trial; the default is none.</param>
    /// <param name="catch">
    /// The exception types (and their subtypes) that only fail their trial; any other exception fails its trial, stops the
    /// run and is rethrown (see <see cref="OptimizeAsync(Func{Trial, CancellationToken, Task{double}}, int, int, IProgress{StudyProgress}?, IReadOnlyCollection{Type}?, CancellationToken)"/>).
    /// The default is <see langword="null"/>: every exception stops the run.
    /// </param>
    /// <param name="cancellationToken">
    /// Stops the run: no new trial starts, and the token reaches the running objectives. A trial whose objective ends by
    /// the cancellation (throws <see cref="OperationCanceledException"/>, or an <see cref="AggregateException"/> of
    /// nothing else, as a synchronous wait on a cancelled task does) is marked failed ("cancelled"); one whose
    /// objective still returns a value is told it; one whose ask was under way is marked failed ("cancelled") without
    /// its objective running. None is left running.
    /// </param>
    /// <returns>
    /// A task that completes when every trial has finished. The asks, the objectives and the tells run on the thread
    /// pool, and nothing of the run returns to the caller's synchronization context, so a caller that blocks on the task
    /// (<c>Wait()</c>, <c>Result</c>) on a UI thread or another single-threaded context does not deadlock.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="trials"/> or <paramref name="maxConcurrency"/> is less than 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="catch"/> holds a type that is not an exception.</exception>
    /// <exception cref="OperationCanceledException">
    /// The run was cancelled (the exception carries <paramref name="cancellationToken"/>); or the objective threw one of
    /// its own while the run was not cancelled (a timeout of its own, say), which, as any other exception, failed its
    /// trial and stopped the run, unless its type is in <paramref name="catch"/>.
    /// </exception>
    public Task OptimizeAsync(
        Func<Trial, CancellationToken, Task<Measurements>> objective,
        int trials,
        int maxConcurrency = 1,
        IProgress<StudyProgress>? progress = null,
        IReadOnlyCollection<Type>? @catch = null,
        CancellationToken cancellationToken = default)
    {
        return OptimizeCoreAsync(objective, TellOrFail, trials, maxConcurrency, progress, @catch, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="trials"/> trials of a synchronous single-metric objective, one after the other on the
    /// calling thread (as ML.NET training is synchronous, and an <c>MLContext</c> is not shared between threads).
    /// </summary>
    /// <param name="objective">Evaluates a trial and returns its value. It may call <see cref="Trial.Report"/>, throw <see cref="TrialPrunedException"/> to prune its trial, and throw <see cref="TrialFailedException"/> to fail it and go on. A NaN or infinite value, returned or reported (a diverged run), fails its trial, and the run goes on.</param>
    /// <param name="trials">How many trials to run; at least 1. A suggester with nothing left to suggest (a finished <see cref="GridSuggester"/>) ends the run early, without an exception.</param>
    /// <param name="progress">Receives a <see cref="StudyProgress"/> after every finished trial; the default is none.</param>
    /// <param name="catch">
    /// The exception types (and their subtypes) that only fail their trial; any other exception fails its trial, stops
    /// the run and is rethrown. The default is <see langword="null"/>: every exception stops the run.
    /// </param>
    /// <param name="cancellationToken">Stops the run after the current trial, which the objective may also watch; a trial whose ask was under way is marked failed ("cancelled") without its objective running.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="trials"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">
    /// The study has more than one metric (the objective must return <see cref="Measurements"/>), or <paramref name="catch"/>
    /// holds a type that is not an exception; no trial runs.
    /// </exception>
    /// <exception cref="OperationCanceledException">
    /// The run was cancelled (the exception carries <paramref name="cancellationToken"/>); or the objective threw one of
    /// its own while the run was not cancelled (a timeout of its own, say), which, as any other exception, failed its
    /// trial and stopped the run, unless its type is in <paramref name="catch"/>.
    /// </exception>
    /// <example>
    /// <code>
    /// study.Optimize(trial =&gt; CrossValidatedLogLoss(trial.GetFloat("learning_rate"), trial.GetInt("leaves")), trials: 30);
    /// </code>
    /// </example>
    public void Optimize(
        Func<Trial, double> objective,
        int trials,
        IProgress<StudyProgress>? progress = null,
        IReadOnlyCollection<Type>? @catch = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        CheckOneMetric(nameof(objective));
        OptimizeCore(objective, TellOrFail, trials, progress, @catch, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="trials"/> trials of a synchronous objective that measures several metrics, one after the other
    /// on the calling thread.
    /// </summary>
    /// <param name="objective">Evaluates a trial and returns a value for every metric. It may call <see cref="Trial.Report"/>, throw <see cref="TrialPrunedException"/> to prune its trial, and throw <see cref="TrialFailedException"/> to fail it and go on. A NaN or infinite value, returned or reported (a diverged run), fails its trial, and the run goes on; returning null, or a missing or unknown metric, stops the run with an <see cref="ArgumentException"/> that names <paramref name="objective"/>.</param>
    /// <param name="trials">How many trials to run; at least 1. A suggester with nothing left to suggest (a finished <see cref="GridSuggester"/>) ends the run early, without an exception.</param>
    /// <param name="progress">Receives a <see cref="StudyProgress"/> after every finished trial; the default is none.</param>
    /// <param name="catch">
    /// The exception types (and their subtypes) that only fail their trial; any other exception fails its trial, stops
    /// the run and is rethrown. The default is <see langword="null"/>: every exception stops the run.
    /// </param>
    /// <param name="cancellationToken">Stops the run after the current trial; a trial whose ask was under way is marked failed ("cancelled") without its objective running.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="trials"/> is less than 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="catch"/> holds a type that is not an exception.</exception>
    /// <exception cref="OperationCanceledException">
    /// The run was cancelled (the exception carries <paramref name="cancellationToken"/>); or the objective threw one of
    /// its own while the run was not cancelled (a timeout of its own, say), which, as any other exception, failed its
    /// trial and stopped the run, unless its type is in <paramref name="catch"/>.
    /// </exception>
    public void Optimize(
        Func<Trial, Measurements> objective,
        int trials,
        IProgress<StudyProgress>? progress = null,
        IReadOnlyCollection<Type>? @catch = null,
        CancellationToken cancellationToken = default)
    {
        OptimizeCore(objective, TellOrFail, trials, progress, @catch, cancellationToken);
    }

    /// <summary>
    /// The body of every <c>OptimizeAsync</c>: checks the arguments, then runs the trials, telling each one the result of
    /// <paramref name="objective"/> with <paramref name="tell"/> unless the objective already finished it (pruned it, say).
    /// </summary>
    private Task OptimizeCoreAsync<TResult>(
        Func<Trial, CancellationToken, Task<TResult>> objective,
        Action<Trial, TResult> tell,
        int trials,
        int maxConcurrency,
        IProgress<StudyProgress>? progress,
        IReadOnlyCollection<Type>? @catch,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrency, 1);
        return new StudyOptimizer(this, Positive(trials), progress, Caught(@catch)).RunAsync(
            async (trial, ct) =>
            {
                Task<TResult> evaluation = objective(trial, ct)
                    ?? throw new ArgumentException($"The objective returned a null task for trial {trial.Id}; return a task, such as Task.FromResult(value).", ObjectiveParameter);
                TellResult(trial, await evaluation.ConfigureAwait(false), tell);
            },
            maxConcurrency,
            cancellationToken);
    }

    /// <summary>The body of every synchronous <c>Optimize</c>: as <see cref="OptimizeCoreAsync{TResult}"/>, one trial after the other on the calling thread.</summary>
    private void OptimizeCore<TResult>(
        Func<Trial, TResult> objective,
        Action<Trial, TResult> tell,
        int trials,
        IProgress<StudyProgress>? progress,
        IReadOnlyCollection<Type>? @catch,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(objective);
        new StudyOptimizer(this, Positive(trials), progress, Caught(@catch)).Run(
            (trial, _) =>
            {
                TellResult(trial, objective(trial), tell);
            },
            cancellationToken);
    }

    /// <summary>Tells what the objective returned, unless its trial is finished (see <see cref="FinishUnlessFinished"/>).</summary>
    private static void TellResult<TResult>(Trial trial, TResult result, Action<Trial, TResult> tell) =>
        FinishUnlessFinished(trial, t => tell(t, result));

    /// <summary>
    /// Finishes a trial of an optimize run with <paramref name="finish"/>, unless it is finished: by the objective itself,
    /// or by another worker meanwhile (failed as stale while this one was paused past its grace period, say). That
    /// verdict stands, and the run goes on.
    /// </summary>
    internal static void FinishUnlessFinished(Trial trial, Action<Trial> finish)
    {
        if (trial.IsFinished)
        {
            return;
        }

        try
        {
            finish(trial);
        }
        catch (TrialFinishedElsewhereException)
        {
            // The stored verdict stands; the trial now shows it.
        }
    }

    /// <summary>
    /// Refuses an objective of one value for a study of several metrics before any trial runs: each would train, then
    /// fail for want of the other metrics' values.
    /// </summary>
    private void CheckOneMetric(string paramName)
    {
        if (Metrics.Count != 1)
        {
            throw new ArgumentException(
                $"The study has {Metrics.Count} metrics ({string.Join(", ", Metrics.Select(m => m.Name))}), but the objective returns one value: return Measurements with a value for each metric.",
                paramName);
        }
    }

    /// <summary>
    /// Tells a value the objective returned, or fails the trial when it is NaN or infinite, as a diverged training run
    /// returns: Optuna fails such a trial and goes on too. The model then learns from the failure
    /// (<see cref="StudyRules"/>' imputation) instead of the run stopping. The study has one metric (<see cref="CheckOneMetric"/>).
    /// </summary>
    private void TellOrFail(Trial trial, double value) => TellOrFail(trial, new Measurements { [Metrics[0].Name] = value });

    /// <summary>
    /// Tells measurements the objective returned, or fails the trial when one of the values is NaN or infinite; no
    /// measurements, or a missing or unknown metric, is a mistake in the objective, which stops the run with an
    /// <see cref="ArgumentException"/> naming the <c>objective</c> parameter.
    /// </summary>
    private void TellOrFail(Trial trial, Measurements measurements)
    {
        string objective = ObjectiveParameter;
        if (measurements is null)
        {
            throw new ArgumentException($"The objective returned null for trial {trial.Id}; it must return a value for every metric.", objective);
        }

        _metrics.CheckNames(measurements, trial.Id, objective);
        if (_metrics.FirstNotFinite(measurements) is { } bad)
        {
            Fail(trial, string.Create(CultureInfo.InvariantCulture, $"The objective returned {bad.Value} for the metric '{bad.Metric}'."));
            return;
        }

        Tell(trial, measurements);
    }

    /// <summary>The name of the optimize methods' objective parameter, which a mistake in what the objective returns names.</summary>
    private static readonly string ObjectiveParameter = "objective";

    private static int Positive(int trials)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1);
        return trials;
    }

    /// <summary>Checks the <c>catch:</c> list of an optimize call: exception types only.</summary>
    private static Type[] Caught(IReadOnlyCollection<Type>? @catch)
    {
        Type[] types = [.. @catch ?? []];
        foreach (Type? type in types)
        {
            if (type is null || !typeof(Exception).IsAssignableFrom(type))
            {
                throw new ArgumentException($"The catch list holds {type?.FullName ?? "null"}, which is not an exception type.", nameof(@catch));
            }
        }

        return types;
    }
}
