using System.Text.Json.Nodes;

namespace Tuning.Reporting;

/// <summary>
/// For a study with a fidelity: the best result so far (<see cref="StudySnapshot.BestSoFar"/>) against the cost spent
/// so far (<see cref="StudySnapshot.Cost"/>, in full runs), trial by trial: what a multi-fidelity study bought with
/// its budget.
/// </summary>
internal static class CostChart
{
    public static ChartFigure? Build(ChartContext context)
    {
        StudySnapshot snapshot = context.Snapshot;
        if (!snapshot.HasFidelity || context.Objectives.Count != 1)
        {
            return null;
        }

        Metric objective = context.Objectives[0];
        var cost = new List<double>();
        var best = new List<double>();
        var text = new List<string>();
        double spent = 0;
        for (int i = 0; i < snapshot.Trials.Count; i++)
        {
            spent += snapshot.Cost(snapshot.Trials[i]);
            if (snapshot.BestSoFar[i] is Trial trial)
            {
                cost.Add(spent);
                best.Add(trial.Values[objective.Name]);
                text.Add($"after trial #{i}: cost {Numbers.Short(spent)} full runs<br>best result: trial #{trial.Id}, {Plotly.Text(objective.Name)} = {Numbers.Long(trial.Values[objective.Name])}");
            }
        }

        if (cost.Count == 0)
        {
            return null;
        }

        var trace = new JsonObject
        {
            ["type"] = "scatter",
            ["mode"] = "lines+markers",
            ["name"] = "best result",
            ["x"] = Plotly.Numbers(cost),
            ["y"] = Plotly.Numbers(best),
            ["text"] = Plotly.Strings(text),
            ["hovertemplate"] = Plotly.HoverText,
            ["line"] = new JsonObject { ["shape"] = "hv", ["color"] = Plotly.Red },
            ["marker"] = new JsonObject { ["size"] = 5, ["color"] = Plotly.Red },
        };
        JsonObject layout = Plotly.Layout("cost spent (full runs at the target fidelity)", $"best {objective.Name} at the target fidelity", 400).WithoutLegend();
        return new ChartFigure(
            "cost",
            "Best result against cost",
            $"The best result so far (completed, feasible, at the target fidelity) against the cost spent so far, in units of one run at the target fidelity; every trial counts its fidelity's cost whatever became of it. Total: {Numbers.Short(snapshot.TotalCost)} full runs.",
            [trace],
            layout,
            cost.Count);
    }
}
