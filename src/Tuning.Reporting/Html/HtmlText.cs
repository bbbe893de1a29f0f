using System.Net;
using System.Text;

namespace Tuning.Reporting;

/// <summary>Small helpers to write escaped HTML into a <see cref="StringBuilder"/>.</summary>
internal static class HtmlText
{
    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    public static StringBuilder Element(this StringBuilder html, string tag, string? text, string? cssClass = null) =>
        html.Append('<').Append(tag).Append(cssClass is null ? string.Empty : $" class=\"{cssClass}\"").Append('>')
            .Append(Encode(text)).Append("</").Append(tag).Append('>');

    public static StringBuilder Row(this StringBuilder html, IEnumerable<string?> cells, string cellTag = "td", string? cssClass = null)
    {
        html.Append(cssClass is null ? "<tr>" : $"<tr class=\"{cssClass}\">");
        foreach (string? cell in cells)
        {
            html.Element(cellTag, cell);
        }

        return html.Append("</tr>\n");
    }
}
