using ScottPlot;

namespace Tuning.Reporting;

/// <summary>
/// The two objectives of every completed trial against each other, with the Pareto front (the results that no other
/// result dominates: none is at least as good in both objectives and better in one) in red and joined in order, the
/// other results as "dominated"; infeasible trials are open grey circles and trials at a lower fidelity than the target
/// light blue, as in the HTML report: they are not results, so they neither dominate nor are dominated.
/// </summary>
internal static class ParetoFrontPlot
{
    public static Plot Draw(PlotData snapshot)
    {
        IReadOnlyList<Metric> objectives = snapshot.Study.Objectives;
        if (objectives.Count != 2)
        {
            throw new InvalidOperationException(
                $"The study optimizes one metric ({objectives[0].Name}); a Pareto front needs two objectives. Plot its history instead.");
        }

        (Metric first, Metric second) = (objectives[0], objectives[1]);
        string title = $"Pareto front: {first.Name} and {second.Name}";
        if (snapshot.Completed.Count == 0)
        {
            return PlotCanvas.Message(title, snapshot.NoTrialToDraw());
        }

        IReadOnlyList<Trial> front = snapshot.ParetoFront();
        var frontIds = new HashSet<int>(front.Select(t => t.Id));
        Plot plot = PlotCanvas.Create(title);
        plot.XLabel(PlotCanvas.MetricLabel(first));
        plot.YLabel(PlotCanvas.MetricLabel(second));

        List<Trial> infeasible = [.. snapshot.Completed.Where(t => snapshot.GroupOf(t) == TrialGroup.Infeasible)];
        List<Trial> lowerFidelity = [.. snapshot.Completed.Where(t => snapshot.GroupOf(t) == TrialGroup.LowerFidelity)];
        List<Trial> dominated = [.. snapshot.Completed.Where(t => snapshot.IsResult(t) && !frontIds.Contains(t.Id))];
        AddPoints(plot, infeasible, first, second, PlotCanvas.InfeasibleColor, MarkerShape.OpenCircle, "infeasible");
        AddPoints(plot, lowerFidelity, first, second, PlotCanvas.LowerFidelityColor, MarkerShape.FilledCircle, "lower fidelity");
        AddPoints(plot, dominated, first, second, PlotCanvas.CompletedColor, MarkerShape.FilledCircle, "dominated");

        List<Trial> ordered = [.. front.OrderBy(t => t.Values[first.Name]).ThenBy(t => t.Values[second.Name])];
        if (ordered.Count > 0)
        {
            double[] xs = [.. ordered.Select(t => Numbers.Drawn(t.Values[first.Name]))];
            double[] ys = [.. ordered.Select(t => Numbers.Drawn(t.Values[second.Name]))];
            ScottPlot.Plottables.Scatter line = plot.Add.Scatter(xs, ys, PlotCanvas.BestColor);
            line.LineWidth = 1.5f;
            line.MarkerSize = 9;
            line.LegendText = $"Pareto front ({ordered.Count})";
        }

        plot.ShowLegend(Edge.Right);
        return plot;
    }

    private static void AddPoints(Plot plot, List<Trial> trials, Metric x, Metric y, Color color, MarkerShape shape, string legend)
    {
        if (trials.Count == 0)
        {
            return;
        }

        ScottPlot.Plottables.Scatter points = plot.Add.ScatterPoints(
            trials.Select(t => Numbers.Drawn(t.Values[x.Name])).ToArray(),
            trials.Select(t => Numbers.Drawn(t.Values[y.Name])).ToArray(),
            color);
        points.MarkerShape = shape;
        points.MarkerSize = 7;
        points.LegendText = legend;
    }
}
