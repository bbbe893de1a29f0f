using ScottPlot;

namespace Tuning.Reporting;

/// <summary>
/// The optimization history: each completed trial's value against its id, and the best result so far as a step line.
/// Results are filled blue circles, infeasible trials (a constraint not met) open grey circles, and trials at a lower
/// fidelity than the target light blue circles, as in the HTML report; pruned and failed trials are left out.
/// </summary>
internal static class HistoryPlot
{
    public static Plot Draw(PlotData snapshot, PlotOptions options)
    {
        Metric metric = snapshot.Metric(options);
        string title = $"Optimization history: {metric.Name}";
        List<Trial> trials = [.. snapshot.Completed.Where(t => t.Values.ContainsKey(metric.Name))];
        if (trials.Count == 0)
        {
            return PlotCanvas.Message(title, snapshot.NoTrialToDraw());
        }

        Plot plot = PlotCanvas.Create(title);
        plot.XLabel("trial");
        plot.YLabel(PlotCanvas.MetricLabel(metric));

        foreach ((TrialGroup group, string legend, Color color, MarkerShape shape) in Groups)
        {
            AddPoints(plot, [.. trials.Where(t => snapshot.GroupOf(t) == group)], metric, color, shape, legend);
        }

        List<Trial> results = [.. trials.Where(snapshot.IsResult)];
        if (metric.IsObjective && results.Count > 0)
        {
            (double[] xs, double[] ys) = BestSoFar(results, metric, snapshot.Trials[^1].Id);
            ScottPlot.Plottables.Scatter best = plot.Add.ScatterLine(xs, ys, PlotCanvas.BestColor);
            best.ConnectStyle = ConnectStyle.StepHorizontal;
            best.LineWidth = 2;
            best.LegendText = "best so far";
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    /// <summary>The groups of completed trials, their legend texts, colors and marker shapes.</summary>
    internal static readonly (TrialGroup Group, string Legend, Color Color, MarkerShape Shape)[] Groups =
    [
        (TrialGroup.Result, "result", PlotCanvas.CompletedColor, MarkerShape.FilledCircle),
        (TrialGroup.Infeasible, "infeasible", PlotCanvas.InfeasibleColor, MarkerShape.OpenCircle),
        (TrialGroup.LowerFidelity, "lower fidelity", PlotCanvas.LowerFidelityColor, MarkerShape.FilledCircle),
    ];

    /// <summary>The running best of the results, as steps that change at the trials that improved it.</summary>
    internal static (double[] Xs, double[] Ys) BestSoFar(IReadOnlyList<Trial> results, Metric metric, int lastId)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        double best = double.NaN;
        foreach (Trial trial in results)
        {
            double value = Numbers.Drawn(trial.Values[metric.Name]);
            if (double.IsNaN(best) || (metric.Kind == MetricKind.Minimize ? value < best : value > best))
            {
                best = value;
                xs.Add(trial.Id);
                ys.Add(best);
            }
        }

        // Carry the last best to the end of the history, so the line spans every trial.
        xs.Add(Math.Max(lastId, xs[^1]));
        ys.Add(best);
        return ([.. xs], [.. ys]);
    }

    private static void AddPoints(Plot plot, List<Trial> trials, Metric metric, Color color, MarkerShape shape, string legend)
    {
        if (trials.Count == 0)
        {
            return;
        }

        double[] xs = [.. trials.Select(t => (double)t.Id)];
        double[] ys = [.. trials.Select(t => Numbers.Drawn(t.Values[metric.Name]))];
        ScottPlot.Plottables.Scatter points = plot.Add.ScatterPoints(xs, ys, color);
        points.MarkerShape = shape;
        points.MarkerSize = 7;
        points.LegendText = legend;
    }
}
