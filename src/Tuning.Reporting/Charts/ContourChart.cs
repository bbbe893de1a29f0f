using System.Text.Json.Nodes;

namespace Tuning.Reporting;

/// <summary>
/// A contour of the first objective over the two most important parameters (of those active together in at least
/// <see cref="MinimumTrials"/> trials, in a conditional space): the values of the completed trials at
/// the target fidelity, interpolated on a grid by inverse-distance weighting (Shepard 1968) on the parameters' [0, 1]
/// axes, with the trials on top. The surface only sketches the trend between trials; it is no model's prediction. An
/// objective with the same value in every trial gets no contour: it would be one flat color.
/// </summary>
internal static class ContourChart
{
    /// <summary>Grid points per axis.</summary>
    internal const int GridSize = 40;

    /// <summary>The fewest trials with both parameters active that a contour needs.</summary>
    internal const int MinimumTrials = 4;

    /// <summary>How many of the most important parameters the pair is sought among.</summary>
    private const int MostImportantSearched = 8;

    public static ChartFigure? Build(ChartContext context)
    {
        if (Pair(context) is not (Parameter px, Parameter py, Trial[] trials))
        {
            return null;
        }

        Metric objective = context.Objectives[0];
        double[] tx = [.. trials.Select(t => ParameterScale.Position(t, px)!.Value)];
        double[] ty = [.. trials.Select(t => ParameterScale.Position(t, py)!.Value)];
        double[] tz = [.. trials.Select(t => t.Values[objective.Name])];
        double[] grid = [.. Enumerable.Range(0, GridSize).Select(i => i / (double)(GridSize - 1))];
        double[][] field = [.. grid.Select(gy => grid.Select(gx => Numbers.Drawn(Interpolate(tx, ty, tz, gx, gy))).ToArray())];

        // Values near double.MaxValue, drawn at ±1e300, can outweigh the others everywhere but at the trials themselves:
        // plotly.js draws no contour of a field that is one value as drawn, as of trials that all have one value.
        if (field.All(row => row.All(v => v == field[0][0])))
        {
            return null;
        }

        var z = new JsonArray();
        foreach (double[] row in field)
        {
            z.Add(Plotly.Numbers(row));
        }

        bool minimize = objective.Kind == MetricKind.Minimize;
        var data = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "contour",
                ["name"] = Plotly.Text(objective.Name),
                ["x"] = Plotly.Numbers(grid),
                ["y"] = Plotly.Numbers(grid),
                ["z"] = z,
                ["colorscale"] = "Viridis",
                ["reversescale"] = !minimize,
                ["hoverinfo"] = "skip",
                ["showlegend"] = false,
                ["contours"] = new JsonObject { ["coloring"] = "heatmap", ["showlines"] = true },
                ["line"] = new JsonObject { ["width"] = 0.5, ["color"] = "rgba(255,255,255,0.5)" },
                ["colorbar"] = new JsonObject { ["title"] = new JsonObject { ["text"] = Plotly.Text(objective.Name) } },
            },
            Plotly.Markers("trials", tx, ty, context.HoverIds(trials), "#222", size: 7),
        };
        JsonObject layout = Plotly.Layout(null, null, 520).WithoutLegend();
        layout["xaxis"] = PositionAxis.Axis(px, withInactive: false);
        layout["yaxis"] = PositionAxis.Axis(py, withInactive: false);
        return new ChartFigure(
            "contour",
            $"Contour: {px.Name} and {py.Name}",
            $"{objective.Name} over the two most important parameters active together in enough trials ({HistoryChart.Direction(objective)}; darker is better): the completed trials at the target fidelity (points) with their values interpolated between them by inverse-distance weighting — a sketch of the trend, not a model's prediction.",
            data,
            layout,
            trials.Length);
    }

    /// <summary>
    /// The two most important parameters that are active together in enough completed trials with different values: the
    /// two most important when they are (in a conditional space two parameters under different branches never are), else
    /// the pair whose lesser importance rank is smallest, ties broken by the greater, among the
    /// <see cref="MostImportantSearched"/> most important. Null when no pair has enough.
    /// </summary>
    private static (Parameter X, Parameter Y, Trial[] Trials)? Pair(ChartContext context)
    {
        Metric objective = context.Objectives[0];
        int count = Math.Min(context.Importances.Count, MostImportantSearched);
        for (int second = 1; second < count; second++)
        {
            for (int first = 0; first < second; first++)
            {
                Parameter px = context.Space[context.Importances[first].Name], py = context.Space[context.Importances[second].Name];
                Trial[] trials = [.. context.CompletedAtTarget.Where(t => t.IsActive(px.Name) && t.IsActive(py.Name))];
                if (trials.Length >= MinimumTrials && trials.Select(t => t.Values[objective.Name]).Distinct().Skip(1).Any())
                {
                    return (px, py, trials);
                }
            }
        }

        return null;
    }

    /// <summary>Shepard's inverse-distance-weighted mean with power 2; exact at a trial's position, and within the values' range.</summary>
    internal static double Interpolate(double[] x, double[] y, double[] z, double at, double atY)
    {
        // The weighted mean is updated as a convex combination, so it stays finite even for values near double.MaxValue.
        double weights = 0, mean = 0, low = double.PositiveInfinity, high = double.NegativeInfinity;
        for (int i = 0; i < z.Length; i++)
        {
            low = Math.Min(low, z[i]);
            high = Math.Max(high, z[i]);
            double d2 = ((x[i] - at) * (x[i] - at)) + ((y[i] - atY) * (y[i] - atY));
            if (d2 < 1e-18)
            {
                return z[i];
            }

            double w = 1 / d2;
            weights += w;
            double share = w / weights;
            mean = (mean * (1 - share)) + (z[i] * share);
        }

        // Rounding in the update can step a digit outside the values' range (equal values come out a digit apart),
        // and plotly.js would draw contours of that noise; a weighted mean of the values never leaves their range.
        return Math.Clamp(mean, low, high);
    }
}
