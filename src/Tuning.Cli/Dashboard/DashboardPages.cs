using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Tuning.Cli.Output;
using Tuning.Reporting;

namespace Tuning.Cli.Dashboard;

/// <summary>The dashboard's pages besides a study's report page: the study list, a trial's page, and messages.</summary>
internal static class DashboardPages
{
    public static readonly PageSettings Settings = new() { AssetBase = DashboardRoutes.Assets };

    /// <summary>One row per study: its name (a link to its page), creation time, trials by state and best result.</summary>
    public static string StudyList(string storage, IReadOnlyList<(StoredStudy Stored, StudySnapshot? Snapshot, string? Error)> studies) =>
        HtmlPage.Build("Studies", Settings, html =>
        {
            html.Element("p", $"{(studies.Count == 1 ? "1 study" : $"{studies.Count} studies")} in {storage}. Read-only: the dashboard never changes a study.", "note").Append('\n');
            html.Append("<div class=\"table-scroll\"><table class=\"studies\" id=\"studies\">\n");
            html.Row(["study", "created (UTC)", "trials", "completed", "pruned", "failed", "running", "best"], "th");
            foreach ((StoredStudy stored, StudySnapshot? snapshot, string? error) in studies)
            {
                html.Append("<tr><td><a href=\"").Append(HtmlText.Encode(DashboardRoutes.Study(stored.Name))).Append("\">")
                    .Append(HtmlText.Encode(stored.Name)).Append("</a></td>");
                html.Element("td", Text.Time(stored.CreatedAt));
                if (snapshot is null)
                {
                    html.Append("<td colspan=\"6\">").Append(HtmlText.Encode("cannot be read: " + error)).Append("</td></tr>\n");
                    continue;
                }

                html.Element("td", Count(snapshot.Trials.Count), "num");
                foreach (TrialState state in Text.StateOrder)
                {
                    html.Element("td", Count(snapshot.Count(state)), "num");
                }

                html.Element("td", Best(snapshot));
                html.Append("</tr>\n");
            }

            html.Append("</table></div>\n");
        }, withCharts: false);

    /// <summary>A trial's page: its state, times, parameters, values, attributes, reports (a chart and a table) and fail reason.</summary>
    public static string Trial(StudySnapshot snapshot, Trial trial)
    {
        Study study = snapshot.Study;
        var settings = Settings with
        {
            Breadcrumbs = [(DashboardRoutes.Home, "Studies"), (DashboardRoutes.Study(study.Name), study.Name)],
        };
        return HtmlPage.Build($"Trial #{trial.Id} of {study.Name}", settings, html =>
        {
            html.Append("<dl class=\"trial\">\n");
            Term(html, "state", Text.StateName(trial.State) + Verdict(snapshot, trial));
            Term(html, "started (UTC)", Text.Time(trial.StartedAt));
            Term(html, "finished (UTC)", trial.FinishedAt is DateTimeOffset finished ? Text.Time(finished) : "running");
            Term(html, "duration", Text.Duration(trial.IsFinished ? trial.Duration : snapshot.TakenAt - trial.StartedAt));
            if (study.Space.Fidelity is Fidelity fidelity)
            {
                Term(html, fidelity.Name, (trial.Task ?? Text.Number(trial.Fidelity ?? double.NaN)) + (trial.IsAtTargetFidelity ? " (target)" : string.Empty));
            }

            if (trial.FailReason is string reason)
            {
                Term(html, "fail reason", reason);
            }

            html.Append("</dl>\n<h2>Parameters</h2>\n<table class=\"parameters\" id=\"trial-parameters\">\n");
            html.Row(["parameter", "value"], "th");
            foreach (Parameter parameter in study.Space.Parameters)
            {
                html.Row([parameter.Name, trial.IsActive(parameter.Name) ? Text.Value(trial.Parameters[parameter.Name]) : "inactive"]);
            }

            html.Append("</table>\n<h2>Values</h2>\n<table class=\"values\" id=\"trial-values\">\n");
            html.Row(["metric", "kind", "value"], "th");
            foreach (Metric metric in study.Metrics)
            {
                string value = trial.Values.TryGetValue(metric.Name, out double v) ? Numbers.Measured(metric, v, Text.Number) + (metric.IsSatisfiedBy(v) ? string.Empty : " (breaks the constraint)") : "–";
                html.Row([metric.Name, Describe.Metric(metric), value]);
            }

            html.Append("</table>\n<h2>Attributes</h2>\n");
            if (trial.Attributes.Count == 0)
            {
                html.Element("p", "None.", "note").Append('\n');
            }
            else
            {
                html.Append("<table class=\"attributes\" id=\"trial-attributes\">\n");
                html.Row(["key", "value"], "th");
                foreach ((string key, string value) in trial.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
                {
                    html.Row([key, value]);
                }

                html.Append("</table>\n");
            }

            html.Append("<h2>Reports</h2>\n");
            if (trial.Reports.Count == 0)
            {
                html.Element("p", "None: the trial reported no intermediate value.", "note").Append('\n');
                html.Append("<div id=\"chart-list\"></div>\n<script type=\"application/json\" id=\"tuning-view\">{\"charts\":[]}</script>\n");
                return;
            }

            html.Append("<div id=\"chart-list\"></div>\n");
            html.Append("<script type=\"application/json\" id=\"tuning-view\">").Append(ReportsView(study, trial)).Append("</script>\n");
            html.Append("<table class=\"reports\" id=\"trial-reports\">\n");
            html.Row(["step", study.Objectives[0].Name], "th");
            foreach (TrialReport report in trial.Reports)
            {
                html.Row([report.Step.ToString(CultureInfo.InvariantCulture), Text.Number(report.Value)]);
            }

            html.Append("</table>\n");
        }, withCharts: true);
    }

    /// <summary>A page that says what went wrong, with a link back to the study list.</summary>
    public static string Message(string title, string message) =>
        HtmlPage.Build(title, Settings with { Breadcrumbs = [(DashboardRoutes.Home, "Studies")] }, html => html.Element("p", message).Append('\n'), withCharts: false);

    private static string ReportsView(Study study, Trial trial)
    {
        Metric objective = study.Objectives[0];
        var trace = new JsonObject
        {
            ["type"] = "scatter",
            ["mode"] = "lines+markers",
            ["name"] = Plotly.Text(objective.Name),
            ["x"] = new JsonArray([.. trial.Reports.Select(r => (JsonNode?)JsonValue.Create(r.Step))]),
            ["y"] = new JsonArray([.. trial.Reports.Select(r => (JsonNode?)JsonValue.Create(r.Value))]),
        };
        var layout = new JsonObject
        {
            ["height"] = 360,
            ["margin"] = new JsonObject { ["l"] = 70, ["r"] = 30, ["t"] = 20, ["b"] = 60 },
            ["showlegend"] = false,
            ["xaxis"] = new JsonObject { ["title"] = new JsonObject { ["text"] = "step" } },
            ["yaxis"] = new JsonObject { ["title"] = new JsonObject { ["text"] = Plotly.Text(objective.Name) } },
        };
        var chart = new JsonObject
        {
            ["id"] = "reports",
            ["title"] = "Intermediate values",
            ["caption"] = $"The values of {objective.Name} the trial reported while it ran, by step.",
            ["points"] = trial.Reports.Count,
            ["data"] = new JsonArray(trace),
            ["layout"] = layout,
        };
        return new JsonObject { ["revision"] = 0, ["charts"] = new JsonArray(chart) }.ToJsonString();
    }

    private static string Verdict(StudySnapshot snapshot, Trial trial)
    {
        if (trial.State != TrialState.Completed)
        {
            return string.Empty;
        }

        return !snapshot.IsFeasible(trial) ? " (breaks a constraint)"
            : !snapshot.IsResult(trial) ? " (at a lower fidelity than the target)"
            : TrialTable.IsBest(snapshot, trial) ? (snapshot.Study.Objectives.Count == 1 ? " (best trial)" : " (on the Pareto front)")
            : string.Empty;
    }

    private static void Term(StringBuilder html, string term, string description) =>
        html.Element("dt", term).Element("dd", description).Append('\n');

    private static string Best(StudySnapshot snapshot)
    {
        if (snapshot.Study.Objectives.Count > 1)
        {
            return snapshot.ParetoFront.Count == 0 ? "–" : $"front of {Count(snapshot.ParetoFront.Count)}";
        }

        string objective = snapshot.Study.Objectives[0].Name;
        return snapshot.BestTrial is Trial best ? $"{objective} {Text.Number(best.Values[objective])} (#{Count(best.Id)})" : "–";
    }

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}
