using System.Globalization;
using MLNetSample;
using Spectre.Console;
using Tuning;
using Tuning.MLNet;

// Tune ML.NET's LightGBM classifier on the breast-cancer data with Tuning.MLNet: minimize the 5-fold cross-validated
// log-loss, with the training time per fold as a constraint, and compare with ML.NET's default LightGBM and FastTree.
// A tiny run: dotnet run --project samples/MLNet -- 4 --folds 3 --no-defaults --no-report
TuningSettings settings;
try
{
    settings = TuningSettings.Parse(args);
}
catch (ArgumentException e)
{
    // A command-line mistake is reported before the baselines spend their seconds, without a stack trace.
    Console.Error.WriteLine(e.Message);
    return 2;
}

AnsiConsole.MarkupLineInterpolated(
    $"[bold]Tuning ML.NET LightGBM on breast cancer[/]: {settings.Trials} trials, {settings.Concurrency} at a time, {settings.Folds}-fold CV, {settings.Suggester} suggester, training ≤ {settings.MaxTrainMilliseconds} ms per fold");

TuningOutcome outcome = await AnsiConsole.Progress()
    .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
    .StartAsync(async context =>
    {
        ProgressTask task = context.AddTask("trials", maxValue: settings.Trials);
        TuningOutcome result = await new BreastCancerTuning(settings).RunAsync(new SpectreProgress(task));
        task.StopTask();
        return result;
    });

Study study = outcome.Study;
AnsiConsole.MarkupLineInterpolated(
    $"{study.Trials.Count} trials in {outcome.Elapsed.TotalSeconds:F1} s: {study.Trials.Count(t => t.State == TrialState.Completed)} completed, {study.Trials.Count(t => t.State == TrialState.Failed)} failed, {study.Trials.Count(t => t.State == TrialState.Completed && t.Values[CrossValidationObjective.TrainSeconds] * 1000 > settings.MaxTrainMilliseconds)} over the time limit.");

var table = new Table().Border(TableBorder.Rounded).AddColumn("configuration");
foreach (string column in new[] { "CV log-loss", "CV AUC", "CV accuracy", "train ms/fold" })
{
    table.AddColumn(new TableColumn(column).RightAligned());
}

foreach ((string trainer, Measurements m) in outcome.Defaults)
{
    table.AddRow($"{trainer} defaults", F4(m["log_loss"]), F4(m["auc"]), F4(m["accuracy"]), F1(m[CrossValidationObjective.TrainSeconds] * 1000));
}

if (outcome.Best is Trial best)
{
    table.AddRow($"[bold]tuned LightGBM #{best.Id}[/]", $"[bold]{F4(best.Values["log_loss"])}[/]", F4(best.Values["auc"]), F4(best.Values["accuracy"]), F1(best.Values[CrossValidationObjective.TrainSeconds] * 1000));
    AnsiConsole.Write(table);
    AnsiConsole.MarkupLine("[bold]Best configuration[/] (LightGbmBinaryTrainer.Options from BinaryTrainerSpaces.LightGbm().CreateOptions(best))");
    foreach ((string name, object value) in best.Parameters.ToDictionary())
    {
        AnsiConsole.MarkupLineInterpolated($"  {name,-28} {(value is double d ? d.ToString("G4", CultureInfo.InvariantCulture) : value)}");
    }
}
else
{
    AnsiConsole.Write(table);
    AnsiConsole.MarkupLine("[yellow]No trial met the training-time constraint; raise --max-train-ms or the budget.[/]");
}

// Every trial as a DataFrame (Microsoft.Data.Analysis): the five lowest log-losses.
Microsoft.Data.Analysis.DataFrame trials = study.ToDataFrame().OrderBy("log_loss");
(string Column, string Header)[] shown =
    [("id", "trial"), ("log_loss", "log-loss"), ("train_seconds", "train s"), ("NumberOfIterations", "trees"), ("LearningRate", "rate"), ("NumberOfLeaves", "leaves"), ("L2Regularization", "L2")];
var lowest = new Table().Border(TableBorder.Simple).Title("lowest log-losses (study.ToDataFrame())");
foreach ((_, string header) in shown)
{
    lowest.AddColumn(new TableColumn(header).RightAligned());
}

for (int row = 0; row < Math.Min(5, trials.Rows.Count); row++)
{
    lowest.AddRow([.. shown.Select(c => trials.Columns[c.Column][row] is double d ? d.ToString("G4", CultureInfo.InvariantCulture) : Convert.ToString(trials.Columns[c.Column][row], CultureInfo.InvariantCulture) ?? "")]);
}

AnsiConsole.Write(lowest);

if (outcome.ReportPath is string report)
{
    AnsiConsole.MarkupLineInterpolated($"Report: [link]{report}[/] (study export: {Path.ChangeExtension(report, ".json")})");
}

return 0;

static string F4(double value) => value.ToString("F4", CultureInfo.InvariantCulture);

static string F1(double value) => value.ToString("F1", CultureInfo.InvariantCulture);
