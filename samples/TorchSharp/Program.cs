using System.Diagnostics;
using TorchSharp;
using TorchSharpDigits;
using Tuning;

// Tune a small MLP on the digits data with TorchSharp. Epochs are the fidelity. By default the Gaussian-process
// suggester proposes configurations, every trial reports its validation loss after each epoch, and a Hyperband pruner
// stops the unpromising ones early; the suggester models the pruned trials too (BOHB-like). With --method
// multi-fidelity the MultiFidelitySuggester instead chooses each trial's number of epochs.
CommandLine options;
try
{
    options = CommandLine.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

// The MLP is tiny: one thread per trial is fastest (several intra-op threads spend their time synchronizing, badly so on
// a busy machine); run trials side by side with --workers instead.
torch.set_num_threads(1);
using DigitsData data = DigitsData.Load();
Console.WriteLine($"digits: {data.TrainCount} training and {data.ValidCount} validation images; {options.Trials} trials of up to {options.MaxEpochs} epochs, {options.Workers} at a time, method {options.Method}");

bool multiFidelity = options.Method == "multi-fidelity";
ISuggester suggester = options.Method switch
{
    "multi-fidelity" => new MultiFidelitySuggester(seed: options.Seed, new MultiFidelityOptions { ReportsAreFidelities = true }),
    "sobol-hyperband" => new SobolSuggester(seed: options.Seed),
    _ => new GaussianProcessSuggester(seed: options.Seed, new GaussianProcessOptions { UsePrunedTrials = true }),
};
IPruner? pruner = options.Method switch
{
    "multi-fidelity" => null,
    "gp-asha" => new SuccessiveHalvingPruner(new SuccessiveHalvingPrunerOptions { MinResource = 1, ReductionFactor = 3 }),
    _ => new HyperbandPruner(new HyperbandPrunerOptions { MinResource = 1, MaxResource = options.MaxEpochs, ReductionFactor = 3 }),
};

var study = new Study(
    Hyperparameters.Space(multiFidelity ? options.MaxEpochs : null),
    [Metric.Minimize("validation_loss"), Metric.Store("validation_accuracy")],
    suggester,
    new StudyOptions { Pruner = pruner });

var clock = Stopwatch.StartNew();
await study.OptimizeAsync(
    (trial, ct) => Task.FromResult(Train(trial, ct)),
    trials: options.Trials,
    maxConcurrency: options.Workers,
    progress: new ConsoleProgress());

IReadOnlyList<Trial> trials = study.Trials;
long epochs = trials.Sum(t => t.Reports.Count);
Console.WriteLine();
Console.WriteLine($"{trials.Count(t => t.State == TrialState.Completed)} completed, {trials.Count(t => t.State == TrialState.Pruned)} pruned, {trials.Count(t => t.State == TrialState.Failed)} failed in {clock.Elapsed.TotalSeconds:F1} s; {epochs} epochs trained of {(long)options.Trials * options.MaxEpochs} without pruning");
if (!study.TryGetBestTrial(out Trial? best))
{
    Console.WriteLine(multiFidelity ? "No trial completed at the full number of epochs." : "No trial completed.");
    return 1;
}

Console.WriteLine($"Best: trial {best.Id}, validation loss {best.Value:F4}, accuracy {best.Values["validation_accuracy"]:P1}");
foreach ((string name, object value) in best.Parameters.ToDictionary())
{
    Console.WriteLine($"  {name,-14} {(value is double d ? d.ToString("G4", System.Globalization.CultureInfo.InvariantCulture) : value)}");
}

return 0;

// One trial: bind the typed hyperparameters, train epoch by epoch, report the validation loss, stop when pruned.
// With a fidelity the suggester chose the epochs (trial.Fidelity); otherwise the pruner decides when to stop.
Measurements Train(Trial trial, CancellationToken ct)
{
    using var trainer = new MlpTrainer(data, trial.Bind<Hyperparameters>(), seed: options.Seed + trial.Id);
    int epochs = trial.Fidelity is double fidelity ? (int)fidelity : options.MaxEpochs;
    (double loss, double accuracy) = (double.NaN, double.NaN);
    for (int epoch = 1; epoch <= epochs; epoch++)
    {
        ct.ThrowIfCancellationRequested();
        (loss, accuracy) = trainer.TrainEpoch();
        trial.Report(epoch, loss);
        if (epoch < epochs && study.ShouldPrune(trial)) throw new TrialPrunedException($"pruned after epoch {epoch}");
    }

    return new Measurements { ["validation_loss"] = loss, ["validation_accuracy"] = accuracy };
}
