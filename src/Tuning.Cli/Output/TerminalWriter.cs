using System.Text;

namespace Tuning.Cli.Output;

/// <summary>
/// The writer of what the tool writes for people (messages, tables, descriptions): a control character from a study
/// (a name, a choice, an attribute, a fail reason), which a terminal would obey, is written as <c>?</c> instead, as
/// <c>ls</c> writes such a file name. An escape sequence could otherwise recolor, hide or rewrite what the tool shows,
/// retitle the window or, on some terminals, set the clipboard; a lone carriage return could overwrite the line.
/// Bidirectional embeddings, overrides and isolates, which would reorder the text shown after them, are written as
/// <c>?</c> too. Line breaks (<c>\n</c>, <c>\r\n</c>) and tabs pass. Exports (<c>tuning export</c> to standard output) are data and
/// bypass it.
/// </summary>
internal sealed class TerminalWriter(TextWriter inner) : TextWriter(inner.FormatProvider)
{
    /// <summary>Whether the last text written ended with a carriage return, which only a line feed may follow.</summary>
    private bool _carriageReturn;

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value) => Write(new ReadOnlySpan<char>(in value));

    public override void Write(string? value) => Write((value ?? string.Empty).AsSpan());

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(ReadOnlySpan<char> buffer)
    {
        if (buffer.IsEmpty)
        {
            return;
        }

        var text = new StringBuilder(buffer.Length + 1);
        if (_carriageReturn)
        {
            text.Append(buffer[0] == '\n' ? '\r' : '?');
        }

        _carriageReturn = buffer[^1] == '\r';
        for (int i = 0; i < buffer.Length - (_carriageReturn ? 1 : 0); i++)
        {
            char c = buffer[i];
            text.Append(c switch
            {
                '\r' => buffer[i + 1] == '\n' ? c : '?',
                '\n' or '\t' => c,
                _ => char.IsControl(c) || IsBidirectionalControl(c) ? '?' : c,
            });
        }

        inner.Write(text.ToString());
    }

    /// <summary>
    /// Whether a character embeds, overrides or isolates a run of text in another direction (U+202A–U+202E,
    /// U+2066–U+2069): it reorders what the terminal shows after it, so that a name shows as another (CVE-2021-42574).
    /// The other format characters (the joiners of emoji, the direction marks) pass.
    /// </summary>
    private static bool IsBidirectionalControl(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    public override void Flush()
    {
        if (_carriageReturn)
        {
            _carriageReturn = false;
            inner.Write('?');
        }

        inner.Flush();
    }
}
