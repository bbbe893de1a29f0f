using ScottPlot;

namespace Tuning.Reporting;

/// <summary>
/// A horizontal bar per parameter, most important at the top, labelled with its share of the variance, or as inactive in
/// every trial for a conditional parameter that none of the trials measured.
/// </summary>
internal static class ImportancePlot
{
    public static Plot Draw(PlotData snapshot, PlotOptions options)
    {
        Metric metric = snapshot.Metric(options);
        string title = $"Parameter importance (main effects): {metric.Name}";

        // The trials StudyImportance measures: completed at the target fidelity, since lower fidelities do not compare.
        int completed = snapshot.CompletedAtTarget.Count(t => t.Values.ContainsKey(metric.Name));
        string atTarget = snapshot.Snapshot.HasFidelity ? " at the target fidelity" : string.Empty;
        if (completed < StudyImportance.MinimumTrials)
        {
            return PlotCanvas.Message(
                title,
                completed == 0 ? snapshot.NoTrialToDraw() : $"Importance needs {StudyImportance.MinimumTrials} completed trials{atTarget}; the study has {completed}");
        }

        IReadOnlyList<ParameterImportance> importances = StudyImportance.Compute(snapshot.Study, metric.Name);
        Plot plot = PlotCanvas.Create(title);
        int count = importances.Count;
        var bars = new List<Bar>(count);
        for (int i = 0; i < count; i++)
        {
            ParameterImportance importance = importances[i];
            bars.Add(new Bar
            {
                Position = count - 1 - i,
                Value = importance.Importance,
                FillColor = PlotCanvas.CompletedColor,
                Label = ImportanceText.WasMeasured(importance) ? ImportanceText.Value(importance) : ImportanceText.NeverActive,
                Orientation = Orientation.Horizontal,
            });
        }

        ScottPlot.Plottables.BarPlot barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;
        barPlot.ValueLabelStyle.FontSize = 12;
        plot.Axes.Left.SetTicks(
            [.. Enumerable.Range(0, count).Select(i => (double)(count - 1 - i))],
            [.. importances.Select(p => p.Name)]);
        plot.XLabel($"share of the variance of {metric.Name} explained (ω², {completed} completed trials{atTarget})");
        double top = Math.Max(0.05, importances.Max(p => p.Importance));
        plot.Axes.SetLimits(0, top * 1.2, -0.6, count - 0.4);
        plot.HideGrid();
        return plot;
    }
}
