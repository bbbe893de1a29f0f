using System.Text.Json.Nodes;

namespace Tuning.Reporting;

/// <summary>
/// Slice plots: the first objective against each of the most important parameters, one panel per parameter, for the
/// completed trials at the target fidelity in which it is active; darker points are later trials.
/// </summary>
internal static class SliceChart
{
    private const int Columns = 3;
    private const int PanelHeight = 300;

    public static ChartFigure? Build(ChartContext context, int maxPanels)
    {
        Metric objective = context.Objectives[0];
        Parameter[] parameters = [.. context.Importances.Take(maxPanels).Select(i => context.Space[i.Name])];
        Trial[] trials = [.. context.CompletedAtTarget];
        if (parameters.Length == 0 || trials.Length == 0)
        {
            return null;
        }

        int columns = Math.Min(Columns, parameters.Length), rows = ((parameters.Length - 1) / columns) + 1;
        JsonObject layout = Plotly.Layout(null, null, (PanelHeight * rows) + 60).WithoutLegend();
        layout.Remove("xaxis");
        layout.Remove("yaxis");
        layout["grid"] = new JsonObject { ["rows"] = rows, ["columns"] = columns, ["pattern"] = "independent", ["ygap"] = 0.35, ["xgap"] = 0.12 };
        var data = new JsonArray();
        int points = 0;
        for (int k = 0; k < parameters.Length; k++)
        {
            Parameter parameter = parameters[k];
            string suffix = k == 0 ? string.Empty : (k + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Trial[] active = [.. trials.Where(t => t.IsActive(parameter.Name))];
            bool categorical = parameter.Kind == ParameterKind.Categorical;
            var x = new JsonArray();
            foreach (Trial trial in active)
            {
                double number = ParameterScale.Number(trial, parameter)!.Value;
                x.Add(categorical ? JsonValue.Create(Plotly.Text(ParameterScale.Format(parameter, number))) : JsonValue.Create(number));
            }

            data.Add(new JsonObject
            {
                ["type"] = "scatter",
                ["mode"] = "markers",
                ["name"] = Plotly.Text(parameter.Name),
                ["xaxis"] = "x" + suffix,
                ["yaxis"] = "y" + suffix,
                ["x"] = x,
                ["y"] = Plotly.Numbers(active.Select(t => t.Values[objective.Name])),
                ["trialIds"] = context.HoverIds(active),
                ["hovertemplate"] = Plotly.HoverText,
                ["marker"] = new JsonObject
                {
                    ["size"] = 7,
                    ["color"] = Plotly.Numbers(active.Select(t => (double)t.Id)),
                    ["colorscale"] = "Blues",

                    // plotly.js's Blues runs from dark blue to light grey; reversed, later trials are darker.
                    ["reversescale"] = true,
                    ["cmin"] = 0,
                    ["cmax"] = Math.Max(1, context.Snapshot.Trials.Count - 1),
                    ["line"] = new JsonObject { ["color"] = "#444", ["width"] = 0.5 },
                },
            });
            points += active.Length;
            JsonObject xAxis = Plotly.Axis(parameter.Name, categorical ? "category" : parameter.IsLog ? "log" : "linear");
            if (categorical)
            {
                xAxis["categoryorder"] = "array";
                // The categories are the tick labels, which plotly reads as markup: written as text, as the x values are.
                xAxis["categoryarray"] = Plotly.Strings(parameter.Choices.Select(Plotly.Text));
            }

            layout["xaxis" + suffix] = xAxis;
            layout["yaxis" + suffix] = Plotly.Axis(k % columns == 0 ? objective.Name : null);
        }

        return new ChartFigure(
            "slice",
            "Slice",
            $"{objective.Name} against each of the {parameters.Length} most important parameters, for the completed trials at the target fidelity in which the parameter is active; darker points are later trials. Each panel zooms on its own.",
            data,
            layout,
            points);
    }
}
