using Tuning;

/// <summary>One worker process: opens (or creates) the shared study and runs its share of trials.</summary>
internal static class Worker
{
    /// <summary>The attribute that tags each trial with the worker that ran it, so the launcher can count a worker's share.</summary>
    public const string Attribute = "worker";

    /// <summary>
    /// The attribute that tags each trial with the launcher of its worker. Launchers on several machines share one
    /// study and each numbers its workers from 0, so a worker is the pair (launcher, index).
    /// </summary>
    public const string LauncherAttribute = "launcher";

    /// <summary>How often a worker tells the storage its trials are alive; after five intervals without, a trial is stale.</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(2);

    public static readonly SearchSpace Space = new SearchSpaceBuilder()
        .Float("learning_rate", 1e-4, 1e-1, log: true)
        .Float("dropout", 0.0, 0.5)
        .Int("layers", 1, 6)
        .Categorical("optimizer", "adam", "sgd")
        .Build();

    public static async Task<int> RunAsync(SampleOptions options, int index)
    {
        using IDisposable lifetime = options.OpenStorage();
        var storage = (IStudyStorage)lifetime;

        // Every worker asks the same storage; the first one creates the study, the others open it. Heartbeats let the
        // others fail (and retry) a trial whose worker died.
        Study study = Study.CreateOrOpen(
            storage,
            options.Study,
            Space,
            [Metric.Minimize("loss")],
            new SobolSuggester(seed: 2026),
            new StudyOptions { HeartbeatInterval = HeartbeatInterval, RetryStaleTrials = true });

        await study.OptimizeAsync(
            async (trial, ct) =>
            {
                trial.SetAttribute(LauncherAttribute, options.Launcher);
                trial.SetAttribute(Attribute, index.ToString(System.Globalization.CultureInfo.InvariantCulture));
                double loss = 0;
                for (int epoch = 1; epoch <= 5; epoch++)
                {
                    await Task.Delay(options.EpochMilliseconds, ct); // stands in for an epoch of training
                    loss = Loss(trial, epoch);
                    trial.Report(epoch, loss);
                }

                return loss;
            },
            trials: options.Share);
        Console.WriteLine($"worker {index}: ran {options.Share} trials; the study now has {study.Trials.Count}.");
        return 0;
    }

    /// <summary>A made-up validation loss after <paramref name="epoch"/> epochs: best near lr 0.01, dropout 0.2, 3 layers, adam.</summary>
    private static double Loss(Trial trial, int epoch)
    {
        double lr = Math.Log10(trial.GetDouble("learning_rate")) + 2;
        double dropout = trial.GetDouble("dropout") - 0.2;
        double layers = (trial.GetInt("layers") - 3) / 3.0;
        double optimizer = trial.GetString("optimizer") == "adam" ? 0 : 0.05;
        return (lr * lr) + (dropout * dropout * 4) + (layers * layers) + optimizer + (0.5 / epoch);
    }
}
