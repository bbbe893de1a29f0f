using System.Net;
using System.Text;

namespace Tuning.Reporting;

/// <summary>Small helpers to write escaped HTML into a <see cref="StringBuilder"/>.</summary>
internal static class HtmlText
{
    /// <summary>
    /// Text as HTML shows it exactly: markup characters as entities, and control characters, which HTML does not allow
    /// in a page (a browser drops a NUL from text, so <c>"a\0b"</c> would read <c>ab</c>), as their Unicode control
    /// pictures (<c>␀</c>, <c>␛</c>, <c>␡</c>), and C1 controls as U+FFFD. Line breaks and tabs stay.
    /// </summary>
    public static string Encode(string? text) => WebUtility.HtmlEncode(Visible(text ?? string.Empty));

    private static string Visible(string text)
    {
        if (!text.Any(IsHidden))
        {
            return text;
        }

        var visible = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            visible.Append(!IsHidden(c) ? c : c < ' ' ? (char)(0x2400 + c) : c == '\u007f' ? '\u2421' : '\ufffd');
        }

        return visible.ToString();
    }

    private static bool IsHidden(char c) => char.IsControl(c) && c is not ('\n' or '\r' or '\t');

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
