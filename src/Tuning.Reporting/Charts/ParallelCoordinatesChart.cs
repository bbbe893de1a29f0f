using System.Text.Json.Nodes;

namespace Tuning.Reporting;

/// <summary>
/// Parallel coordinates: one line per completed trial at the target fidelity through its parameters (each on its own
/// [0, 1] axis, see <see cref="PositionAxis"/>) to its value of the first objective, colored by that value. Dragging
/// along an axis selects a range and highlights the trials inside it.
/// </summary>
internal static class ParallelCoordinatesChart
{
    public static ChartFigure? Build(ChartContext context)
    {
        Metric objective = context.Objectives[0];
        Trial[] trials = [.. context.CompletedAtTarget];
        if (trials.Length == 0)
        {
            return null;
        }

        var dimensions = new JsonArray();
        foreach (Parameter parameter in context.Space.Parameters)
        {
            bool anyInactive = trials.Any(t => !t.IsActive(parameter.Name));
            (double[] positions, string[] labels) = PositionAxis.Ticks(parameter, anyInactive);
            dimensions.Add(new JsonObject
            {
                ["label"] = Plotly.Text(parameter.Name),
                ["values"] = Plotly.Numbers(trials.Select(t => PositionAxis.Of(t, parameter))),
                ["range"] = new JsonArray(anyInactive ? PositionAxis.InactivePosition : 0, 1),
                ["tickvals"] = Plotly.Numbers(positions),
                ["ticktext"] = Plotly.Strings(labels.Select(Plotly.Text)),
            });
        }

        double[] values = [.. trials.Select(t => t.Values[objective.Name])];
        dimensions.Add(new JsonObject { ["label"] = Plotly.Text(objective.Name), ["values"] = Plotly.Numbers(values) });
        var trace = new JsonObject
        {
            ["type"] = "parcoords",
            ["name"] = "trials",
            ["dimensions"] = dimensions,
            ["line"] = new JsonObject
            {
                ["color"] = Plotly.Numbers(values),
                ["colorscale"] = "Viridis",
                ["reversescale"] = objective.Kind == MetricKind.Maximize,
                ["showscale"] = true,
                ["colorbar"] = new JsonObject { ["title"] = new JsonObject { ["text"] = Plotly.Text(objective.Name) } },
            },
        };
        JsonObject layout = Plotly.Layout(null, null, 460).WithoutLegend();
        layout.Remove("xaxis");
        layout.Remove("yaxis");
        layout["margin"] = new JsonObject { ["l"] = 80, ["r"] = 80, ["t"] = 70, ["b"] = 30 };
        return new ChartFigure(
            "parallel-coordinates",
            "Parallel coordinates",
            $"One line per completed trial at the target fidelity, through its parameters to its {objective.Name}, colored by {objective.Name} (darker is better). Drag along an axis to select a range; click outside the range to clear it. Trials in which a conditional parameter is inactive sit at \"inactive\" below its axis.",
            [trace],
            layout,
            trials.Length);
    }
}
