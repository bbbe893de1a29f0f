using System.Globalization;
using System.Text;

namespace Tuning.Cli.Output;

/// <summary>
/// How many columns of a terminal a text takes, as tables need it to align their columns: one per user-perceived
/// character (a letter and its combining accents, an emoji and its joiners, take one place), two for the wide characters
/// of East Asian scripts and for emoji, as terminals draw them (the ranges of POSIX <c>wcwidth</c>, in short).
/// </summary>
internal static class TerminalWidth
{
    /// <summary>The columns <paramref name="text"/> takes on a terminal.</summary>
    public static int Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int width = 0;
        TextElementEnumerator elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            width += Rune.TryGetRuneAt(elements.GetTextElement(), 0, out Rune first) && IsWide(first.Value) ? 2 : 1;
        }

        return width;
    }

    /// <summary><paramref name="text"/> followed or preceded by spaces up to <paramref name="width"/> columns.</summary>
    public static string Pad(string text, int width, bool right)
    {
        string spaces = new(' ', Math.Max(0, width - Of(text)));
        return right ? spaces + text : text + spaces;
    }

    /// <summary>Whether a code point is drawn two columns wide: East Asian wide and fullwidth forms, and emoji.</summary>
    private static bool IsWide(int c) =>
        c is (>= 0x1100 and <= 0x115F) or (>= 0x2E80 and <= 0x303E) or (>= 0x3041 and <= 0x33FF) or (>= 0x3400 and <= 0x4DBF)
            or (>= 0x4E00 and <= 0x9FFF) or (>= 0xA000 and <= 0xA4CF) or (>= 0xAC00 and <= 0xD7A3) or (>= 0xF900 and <= 0xFAFF)
            or (>= 0xFE30 and <= 0xFE4F) or (>= 0xFF00 and <= 0xFF60) or (>= 0xFFE0 and <= 0xFFE6)
            or (>= 0x1F300 and <= 0x1F64F) or (>= 0x1F680 and <= 0x1F6FF) or (>= 0x1F900 and <= 0x1F9FF) or (>= 0x1FA70 and <= 0x1FAFF)
            or (>= 0x20000 and <= 0x3FFFD);
}
