using System.Globalization;
using System.Text;

namespace Tuning.Reporting;

/// <summary>The report's summary: trials by state, the best trial or the Pareto front, the metrics and the search space.</summary>
internal static class SummarySection
{
    public static void Write(StringBuilder html, StudySnapshot snapshot)
    {
        Study study = snapshot.Study;
        IReadOnlyList<Trial> trials = snapshot.Trials;
        string counts = trials.Count == 0 ? "none yet" : StateCounts(snapshot);
        int infeasible = trials.Count(t => t.State == TrialState.Completed && !snapshot.IsFeasible(t));
        int lower = trials.Count(t => t.State == TrialState.Completed && snapshot.IsFeasible(t) && !t.IsAtTargetFidelity);
        string notes = (infeasible > 0 ? $"; {Numbers.Count(infeasible, "completed trial")} {(infeasible == 1 ? "breaks" : "break")} a constraint" : string.Empty)
            + (lower > 0 ? $"; {lower} completed at a lower fidelity than the target" : string.Empty);
        html.Element("p", $"{Numbers.Count(trials.Count, "trial")} ({counts}{notes}).", "counts").Append('\n');
        if (snapshot.HasFidelity)
        {
            string cost = Numbers.Short(snapshot.TotalCost);
            html.Element("p", $"Cost spent: {cost} {(cost == "1" ? "run" : "runs")} at the target fidelity.").Append('\n');
        }

        if (study.Objectives.Count == 1)
        {
            Metric objective = study.Objectives[0];
            html.Element("p", snapshot.BestTrial is Trial best
                ? $"Best trial: #{best.Id}, {objective.Name} = {Numbers.Long(best.Values[objective.Name])} ({best.Parameters})."
                : $"{snapshot.NoResultReason}, so there is no best trial.",
                "best").Append('\n');
        }
        else
        {
            IReadOnlyList<Trial> front = snapshot.ParetoFront;
            html.Element("p", front.Count == 0
                ? $"{snapshot.NoResultReason}, so there is no Pareto front."
                : $"Pareto front: {Numbers.Count(front.Count, "trial")} ({string.Join(", ", front.Select(t => "#" + t.Id.ToString(CultureInfo.InvariantCulture)))}).",
                "best").Append('\n');
        }

        html.Append("<div class=\"side-by-side\">\n<table class=\"metrics\">\n");
        html.Row(["metric", "kind", "threshold"], "th");
        foreach (Metric metric in study.Metrics)
        {
            string threshold = metric.Kind == MetricKind.Constraint
                ? $"{(metric.Min is double lo ? Numbers.Threshold(lo) + " ≤ " : string.Empty)}value{(metric.Max is double hi ? " ≤ " + Numbers.Threshold(hi) : string.Empty)}"
                : string.Empty;
            html.Row([metric.Name, metric.Kind.ToString().ToLowerInvariant(), threshold]);
        }

        html.Append("</table>\n<table class=\"space\">\n");
        html.Row(["parameter", "domain"], "th");
        foreach (Parameter parameter in study.Space.Parameters)
        {
            string declaration = parameter.ToString();
            html.Row([parameter.Name, declaration[(declaration.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()]);
        }

        if (study.Space.Fidelity is Fidelity fidelity)
        {
            html.Row([fidelity.Name, "fidelity: " + ((fidelity.Kind == FidelityKind.Tasks)
                ? string.Join(", ", fidelity.Tasks.Select(t => $"{t.Name} (cost {Numbers.Short(t.Cost)})"))
                : $"{Numbers.Short(fidelity.Low)} to {Numbers.Short(fidelity.High)} (target)")]);
        }

        html.Append("</table>\n</div>\n");
    }

    /// <summary>Describes the trials by state, such as "3 completed, 1 failed".</summary>
    public static string StateCounts(StudySnapshot snapshot) =>
        string.Join(", ", Enum.GetValues<TrialState>().Where(s => snapshot.Count(s) > 0).Select(s => $"{snapshot.Count(s)} {s.ToString().ToLowerInvariant()}"));
}
