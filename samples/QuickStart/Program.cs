using System.Diagnostics;
using QuickStart;
using Tuning;

// Tune an L2-regularized logistic regression on the breast-cancer data: minimize its 5-fold cross-validated log-loss.
int budget = 30;
if (args.Length > 1 || (args.Length == 1 && !(int.TryParse(args[0], System.Globalization.CultureInfo.InvariantCulture, out budget) && budget >= 1)))
{
    Console.Error.WriteLine("Usage: QuickStart [TRIALS], a number of trials of at least 1 (default 30).");
    return 2;
}

BreastCancerData data = BreastCancerData.Load();

SearchSpace space = new SearchSpaceBuilder()
    .Float("learning_rate", 1e-4, 1.0, log: true)
    .Float("l2", 1e-6, 1.0, log: true)
    .Float("momentum", 0.0, 0.95, step: 0.05)
    .Int("epochs", 1, 30)
    .Int("batch_size", 8, 256, log: true)
    .Categorical("scaling", "standard", "minmax")
    .Build();

var study = new Study(space, Metric.Minimize("log_loss"), new GaussianProcessSuggester(seed: 42));

// A sensible hand-picked configuration goes first, so the tuner has to beat it.
study.Enqueue(new Dictionary<string, object>
{
    ["learning_rate"] = 0.01, ["l2"] = 1e-4, ["momentum"] = 0.9, ["epochs"] = 10, ["batch_size"] = 32, ["scaling"] = "standard",
});

var clock = Stopwatch.StartNew();
for (int i = 0; i < budget; i++)
{
    Trial trial = study.Ask();
    var h = new Hyperparameters(
        trial.GetDouble("learning_rate"),
        trial.GetDouble("l2"),
        trial.GetDouble("momentum"),
        trial.GetInt("epochs"),
        trial.GetInt("batch_size"),
        trial.GetString("scaling"));
    double loss = LogisticRegression.CrossValidatedLogLoss(data, h);
    if (double.IsFinite(loss))
    {
        study.Tell(trial, loss);
    }
    else
    {
        study.Fail(trial, "the log-loss diverged");
    }

    string best = study.TryGetBestTrial(out Trial? bestSoFar) ? $"{bestSoFar.Value,8:F4}" : "    none";
    Console.WriteLine($"trial {trial.Id,3}  log-loss {loss,8:F4}  best {best}  {trial.Parameters}");
}

Trial winner = study.BestTrial;
Console.WriteLine();
Console.WriteLine($"Best of {budget} trials in {clock.Elapsed.TotalSeconds:F1} s: trial {winner.Id}, cross-validated log-loss {winner.Value:F4}");
foreach ((string name, object value) in winner.Parameters.ToDictionary())
{
    Console.WriteLine($"  {name,-14} {value}");
}

Console.WriteLine($"The hand-picked configuration (trial 0) scored {study.Trials[0].Value:F4}.");
return 0;
