using System.Text;

namespace Tuning.Reporting;

/// <summary>The frame every page shares: head, style, breadcrumbs, title, and the scripts (embedded or linked).</summary>
internal static class HtmlPage
{
    public static string Build(string title, PageSettings settings, Action<StringBuilder> body, bool withCharts, string? bodyAttributes = null)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Element("title", title).Append('\n');
        html.Append("<link rel=\"icon\" href=\"data:,\">\n");
        if (settings.AssetBase is string assets)
        {
            html.Append($"<link rel=\"stylesheet\" href=\"{HtmlText.Encode(assets)}report.css?v={HtmlText.Encode(ReportAssets.Version)}\">\n");
        }
        else
        {
            html.Append("<style>\n").Append(ReportAssets.Style).Append("\n</style>\n");
        }

        html.Append("</head>\n<body").Append(bodyAttributes is null ? string.Empty : " " + bodyAttributes).Append(">\n");
        if (settings.Breadcrumbs.Count > 0)
        {
            html.Append("<nav class=\"breadcrumbs\">");
            html.AppendJoin(" / ", settings.Breadcrumbs.Select(b => $"<a href=\"{HtmlText.Encode(b.Href)}\">{HtmlText.Encode(b.Text)}</a>"));
            html.Append("</nav>\n");
        }

        html.Element("h1", title).Append('\n');
        body(html);
        if (withCharts)
        {
            Script(html, settings, "plotly.min.js", () => ReportAssets.Plotly);
        }

        Script(html, settings, "report.js", () => ReportAssets.Script);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void Script(StringBuilder html, PageSettings settings, string name, Func<string> inline)
    {
        if (settings.AssetBase is string assets)
        {
            html.Append($"<script src=\"{HtmlText.Encode(assets)}{name}?v={HtmlText.Encode(ReportAssets.Version)}\"></script>\n");
        }
        else
        {
            // A script element ends at the first "</script": the embedded scripts never contain one (checked by a test).
            html.Append("<script>\n").Append(inline()).Append("\n</script>\n");
        }
    }
}
