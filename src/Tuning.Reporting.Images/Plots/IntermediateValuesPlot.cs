using ScottPlot;

namespace Tuning.Reporting;

/// <summary>
/// The learning curves: the intermediate values every trial reported with <see cref="Trial.Report"/>, by step, colored by
/// the trial's state, so that pruned trials (orange) can be compared with those that ran to the end (blue).
/// </summary>
internal static class IntermediateValuesPlot
{
    public static Plot Draw(PlotData snapshot)
    {
        Metric objective = snapshot.Study.Objectives[0];
        string title = $"Intermediate values: {objective.Name}";
        List<Trial> trials = [.. snapshot.Trials.Where(t => t.Reports.Count > 0)];
        if (trials.Count == 0)
        {
            return PlotCanvas.Message(title, "No trial reported intermediate values");
        }

        Plot plot = PlotCanvas.Create(title);
        plot.XLabel("step");
        plot.YLabel(PlotCanvas.MetricLabel(objective));
        var labelled = new HashSet<TrialState>();

        // Pruned and failed curves first, so that the curves of trials that ran to the end are drawn on top.
        foreach (Trial trial in trials.OrderBy(t => DrawOrder(t.State)).ThenBy(t => t.Id))
        {
            double[] steps = [.. trial.Reports.Select(r => (double)r.Step)];
            double[] values = [.. trial.Reports.Select(r => Numbers.Drawn(r.Value))];
            ScottPlot.Plottables.Scatter curve = plot.Add.Scatter(steps, values, ColorOf(trial.State));
            curve.LineWidth = 1.5f;
            curve.MarkerSize = steps.Length == 1 ? 6 : 3;
            if (labelled.Add(trial.State))
            {
                curve.LegendText = trial.State.ToString().ToLowerInvariant();
            }
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    internal static Color ColorOf(TrialState state) => state switch
    {
        TrialState.Completed => PlotCanvas.CompletedColor,
        TrialState.Pruned => PlotCanvas.PrunedColor,
        TrialState.Failed => PlotCanvas.FailedColor,
        _ => PlotCanvas.RunningColor,
    };

    private static int DrawOrder(TrialState state) => state switch
    {
        TrialState.Failed => 0,
        TrialState.Pruned => 1,
        TrialState.Running => 2,
        _ => 3,
    };
}
