using System.Globalization;
using MLNetSample;
using Spectre.Console;
using Tuning;

// Tune ML.NET's LightGBM classifier on the breast-cancer data: minimize the k-fold cross-validated log-loss, with the
// training time per fold as a constraint and the AUC and model size stored with every trial; compare the result with
// ML.NET's default LightGBM and FastTree.
// A tiny run: dotnet run --project samples/MLNet -- 4 --folds 3 --no-defaults --no-report
TuningSettings settings = TuningSettings.Parse(args);
var tuning = new BreastCancerTuning(settings);
AnsiConsole.MarkupLineInterpolated(
    $"[bold]Tuning ML.NET LightGBM on breast cancer[/]: {settings.Trials} trials, {settings.Concurrency} at a time, {settings.Folds}-fold CV, {settings.Suggester} suggester, train_ms ≤ {settings.MaxTrainMilliseconds}");

TuningOutcome outcome = await AnsiConsole.Progress()
    .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
    .StartAsync(async context =>
    {
        ProgressTask task = context.AddTask("trials", maxValue: settings.Trials);
        var progress = new SpectreProgress(task);
        TuningOutcome result = await tuning.RunAsync(progress);
        task.StopTask();
        return result;
    });

Study study = outcome.Study;
AnsiConsole.WriteLine();
AnsiConsole.MarkupLineInterpolated(
    $"{study.Trials.Count} trials in {outcome.Elapsed.TotalSeconds:F1} s: {study.Trials.Count(t => t.State == TrialState.Completed)} completed, {study.Trials.Count(t => t.State == TrialState.Failed)} failed, {study.Trials.Count(t => t.State == TrialState.Completed && t.Values[BreastCancerTuning.TrainTime] > settings.MaxTrainMilliseconds)} over the time limit.");

var table = new Table().Border(TableBorder.Rounded)
    .AddColumn("configuration")
    .AddColumn(new TableColumn("CV log-loss").RightAligned())
    .AddColumn(new TableColumn("CV AUC").RightAligned())
    .AddColumn(new TableColumn("train ms/fold").RightAligned())
    .AddColumn(new TableColumn("model KB").RightAligned());
foreach ((string trainer, CrossValidationResult r) in outcome.Defaults)
{
    table.AddRow($"{trainer}, ML.NET defaults", F(r.LogLoss), F(r.Auc), F1(r.TrainMilliseconds), F1(r.ModelKilobytes));
}

if (outcome.Best is Trial best)
{
    table.AddRow(
        $"[bold]tuned LightGBM, trial #{best.Id}[/]",
        $"[bold]{F(best.Values[BreastCancerTuning.Objective])}[/]",
        F(best.Values[BreastCancerTuning.Auc]),
        F1(best.Values[BreastCancerTuning.TrainTime]),
        F1(best.Values[BreastCancerTuning.ModelSize]));
    AnsiConsole.Write(table);
    AnsiConsole.MarkupLine("[bold]Best configuration[/]");
    foreach ((string name, object value) in best.Parameters.ToDictionary())
    {
        string text = value is double d ? d.ToString("G4", CultureInfo.InvariantCulture) : Convert.ToString(value, CultureInfo.InvariantCulture)!;
        AnsiConsole.MarkupLineInterpolated($"  {name,-22} {text}");
    }
}
else
{
    AnsiConsole.Write(table);
    AnsiConsole.MarkupLine("[yellow]No trial met the training-time constraint; raise --max-train-ms or the budget.[/]");
}

if (outcome.ReportPath is string report)
{
    AnsiConsole.MarkupLineInterpolated($"Report: [link]{report}[/] (study export: {Path.ChangeExtension(report, ".json")})");
}

static string F(double value) => value.ToString("F4", CultureInfo.InvariantCulture);

static string F1(double value) => value.ToString("F1", CultureInfo.InvariantCulture);
