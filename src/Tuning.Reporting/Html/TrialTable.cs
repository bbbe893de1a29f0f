using System.Globalization;
using System.Text;

namespace Tuning.Reporting;

/// <summary>
/// The report's table of every trial: id, state, a column per metric and per parameter, duration, start time and why
/// it failed. The best trial (or the Pareto front) is highlighted; values that break a constraint are marked.
/// </summary>
internal static class TrialTable
{
    public static void Write(StringBuilder html, StudySnapshot snapshot)
    {
        Study study = snapshot.Study;
        var highlighted = new HashSet<int>(snapshot.ParetoFront().Select(t => t.Id));
        html.Append("<table class=\"trials\">\n<thead>");
        html.Row(
            [
                "#", "state",
                .. study.Metrics.Select(m => m.Name),
                .. study.Space.Parameters.Select(p => p.Name),
                "duration", "started (UTC)", "fail reason",
            ],
            "th");
        html.Append("</thead>\n<tbody>\n");
        foreach (Trial trial in snapshot.Trials)
        {
            string css = trial.State.ToString().ToLowerInvariant() + (highlighted.Contains(trial.Id) ? " best" : string.Empty);
            html.Append($"<tr class=\"{css}\">");
            html.Element("td", trial.Id.ToString(CultureInfo.InvariantCulture));
            html.Element("td", trial.State.ToString().ToLowerInvariant());
            foreach (Metric metric in study.Metrics)
            {
                if (trial.Values.TryGetValue(metric.Name, out double value))
                {
                    html.Element("td", Numbers.Long(value), metric.IsSatisfiedBy(value) ? "num" : "num infeasible");
                }
                else
                {
                    html.Append("<td></td>");
                }
            }

            foreach (Parameter parameter in study.Space.Parameters)
            {
                html.Element("td", ParameterScale.Number(trial, parameter) is double number ? FormatValue(parameter, number) : "–", "num");
            }

            html.Element("td", trial.IsFinished ? Numbers.Duration(trial.Duration) : "running", "num");
            html.Element("td", trial.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
            html.Element("td", trial.FailReason);
            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static string FormatValue(Parameter parameter, double number) =>
        parameter.Kind == ParameterKind.Float ? Numbers.Long(number) : ParameterScale.Format(parameter, number);
}
