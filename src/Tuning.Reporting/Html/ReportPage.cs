namespace Tuning.Reporting;

/// <summary>
/// The report page of a study: summary, charts, parameter importance and the trial table. The trial-dependent parts
/// come from a <see cref="ReportView"/> embedded as JSON, which the page's script draws (and, in the dashboard, redraws
/// when the study changes).
/// </summary>
internal static class ReportPage
{
    public static string Build(ReportView view, string title, PageSettings settings)
    {
        string live = settings.ViewUrl is string viewUrl && settings.EventsUrl is string eventsUrl
            ? $"data-view=\"{HtmlText.Encode(viewUrl)}\" data-events=\"{HtmlText.Encode(eventsUrl)}\""
            : string.Empty;
        return HtmlPage.Build(title, settings, html =>
        {
            html.Append("<nav class=\"sections\"><a href=\"#summary\">Summary</a> · <a href=\"#charts\">Charts</a> · <a href=\"#importance\">Importance</a> · <a href=\"#trials-section\">Trials</a>");
            if (live.Length > 0)
            {
                html.Append(" <span id=\"live-status\" class=\"live\">live</span>");
            }

            html.Append("</nav>\n");
            html.Append("<h2 id=\"summary\">Summary</h2>\n<div id=\"summary-body\">").Append(view.Summary).Append("</div>\n");
            html.Append("<h2 id=\"charts\">Charts</h2>\n");
            html.Append("<noscript><p class=\"note\">The charts need JavaScript.</p></noscript>\n");
            html.Append("<p id=\"no-charts\" class=\"note\" hidden>No trial yet, so there is nothing to chart.</p>\n<div id=\"chart-list\"></div>\n");
            html.Append("<h2 id=\"importance\">Parameter importance</h2>\n<div id=\"importance-body\">").Append(view.Importance).Append("</div>\n");
            html.Append("<h2 id=\"trials-section\">Trials</h2>\n");
            html.Element("p", "Click a column's header to sort by it (again to reverse). Highlighted: the best trial (the Pareto front with two objectives). Underlined values break a constraint.", "note").Append('\n');
            html.Append("<div class=\"table-tools\"><label>Filter <input id=\"trial-filter\" type=\"search\" placeholder=\"text in any column\" autocomplete=\"off\"></label> ");
            html.Append("<label>State <select id=\"state-filter\"><option value=\"\">all</option>");
            foreach (TrialState state in Enum.GetValues<TrialState>())
            {
                string name = state.ToString().ToLowerInvariant();
                html.Append($"<option value=\"{name}\">{name}</option>");
            }

            html.Append("</select></label> <span id=\"trial-count\"></span></div>\n");
            html.Append("<div id=\"trials-body\" class=\"table-scroll\">").Append(view.Trials).Append("</div>\n");
            html.Append("<script type=\"application/json\" id=\"tuning-view\">").Append(view.ToJson(withSections: false)).Append("</script>\n");
        }, withCharts: true, bodyAttributes: live.Length > 0 ? live : null);
    }
}
