using System.Globalization;
using System.Text;

namespace Tuning.Reporting;

/// <summary>Builds the HTML page of a study's report: summary, plots, importance table and trial table.</summary>
internal static class HtmlReport
{
    private const string Style = """
        body { font-family: "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; margin: 2em; color: #222; }
        h1 { margin-bottom: 0.2em; } h2 { margin-top: 1.6em; border-bottom: 1px solid #ddd; }
        table { border-collapse: collapse; font-size: 0.9em; margin: 0.5em 0; }
        th, td { border: 1px solid #ddd; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
        th { background: #f3f3f3; position: sticky; top: 0; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        td.infeasible { color: #b00; text-decoration: underline dotted; }
        tr.failed td { color: #999; } tr.pruned td { color: #a60; } tr.best td { background: #fff6d5; font-weight: bold; }
        figure { margin: 1em 0 2em 0; } figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
        figcaption { color: #555; font-size: 0.9em; max-width: 60em; }
        .note { color: #555; max-width: 60em; }
        """;

    /// <summary>Writes the page; <paramref name="imageSource"/> gives the <c>src</c> of each plot's image.</summary>
    public static string Build(
        StudySnapshot snapshot, ReportOptions options, IReadOnlyList<ReportPlot> plots, IReadOnlyList<ParameterImportance> importances, Func<ReportPlot, string> imageSource)
    {
        Study study = snapshot.Study;
        string title = options.Title ?? $"Study {study.Name}";
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Element("title", title).Append('\n');
        html.Append("<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n");
        html.Element("h1", title).Append('\n');

        WriteSummary(html, snapshot);

        html.Append("<h2 id=\"plots\">Plots</h2>\n");
        foreach (ReportPlot plot in plots)
        {
            html.Append($"<figure id=\"plot-{plot.Id}\">\n");
            html.Element("h3", plot.Title).Append('\n');
            html.Append($"<img src=\"{HtmlText.Encode(imageSource(plot))}\" alt=\"{HtmlText.Encode(plot.Title)}\" width=\"{options.PlotWidth}\" height=\"{options.PlotHeight}\">\n");
            html.Element("figcaption", plot.Caption).Append("\n</figure>\n");
        }

        WriteImportance(html, snapshot, importances);

        html.Append("<h2 id=\"trials\">Trials</h2>\n");
        html.Element("p", "Highlighted: the best feasible trial (the Pareto front with two objectives). Underlined values break a constraint.", "note").Append('\n');
        TrialTable.Write(html, snapshot);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void WriteSummary(StringBuilder html, StudySnapshot snapshot)
    {
        Study study = snapshot.Study;
        html.Append("<h2 id=\"summary\">Summary</h2>\n");
        string counts = snapshot.Trials.Count == 0 ? "none yet" : snapshot.StateCounts();
        int infeasible = snapshot.Completed.Count(t => !snapshot.IsFeasible(t));
        string constraints = infeasible > 0 ? $"; {infeasible} completed trials break a constraint" : string.Empty;
        html.Element("p", $"{snapshot.Trials.Count} trials ({counts}{constraints}).").Append('\n');

        IReadOnlyList<Trial> front = snapshot.ParetoFront();
        if (study.Objectives.Count == 1)
        {
            Trial? best = front.Count > 0 ? front[0] : null;
            html.Element("p", best is null
                ? "No completed trial meets every constraint yet, so there is no best trial."
                : $"Best trial: #{best.Id}, {study.Objectives[0].Name} = {Numbers.Long(best.Values[study.Objectives[0].Name])} ({best.Parameters}).").Append('\n');
        }
        else
        {
            html.Element("p", $"Pareto front: {front.Count} trials ({string.Join(", ", front.Select(t => "#" + t.Id.ToString(CultureInfo.InvariantCulture)))}).").Append('\n');
        }

        html.Append("<table class=\"metrics\">\n");
        html.Row(["metric", "kind", "threshold"], "th");
        foreach (Metric metric in study.Metrics)
        {
            string threshold = metric.Kind == MetricKind.Constraint
                ? $"{(metric.Min is double lo ? Numbers.Long(lo) + " ≤ " : string.Empty)}value{(metric.Max is double hi ? " ≤ " + Numbers.Long(hi) : string.Empty)}"
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

        html.Append("</table>\n");
    }

    private static void WriteImportance(StringBuilder html, StudySnapshot snapshot, IReadOnlyList<ParameterImportance> importances)
    {
        html.Append("<h2 id=\"importance\">Parameter importance</h2>\n");
        html.Element(
            "p",
            $"For {snapshot.Study.Objectives[0].Name}: the share of its variance across the completed trials that each parameter explains on its own "
            + "(the variance of the means of the objective within bins of the parameter, over the total variance, corrected for chance as ω²). "
            + "Conditional parameters are measured on the trials in which they are active. Interactions are not attributed, so the shares need not sum to 1; "
            + "trials clustered by a Bayesian optimizer make the estimate less faithful than random or Sobol trials.",
            "note").Append('\n');
        html.Append("<table class=\"importance\">\n");
        html.Row(["parameter", "importance", "active in trials"], "th");
        foreach (ParameterImportance importance in importances)
        {
            html.Row([importance.Name, importance.Importance.ToString("0.000", CultureInfo.InvariantCulture), importance.ActiveTrials.ToString(CultureInfo.InvariantCulture)]);
        }

        html.Append("</table>\n");
    }
}
