using System.Text.RegularExpressions;

namespace Tuning.Cli.Output;

/// <summary>
/// Keeps passwords out of the tool's messages: every <c>Password=…</c> or <c>Pwd=…</c> value becomes <c>***</c>, and so
/// does every occurrence of a password that a storage string given to the tool holds (should a library's message quote
/// one without its key).
/// </summary>
internal static partial class Secrets
{
    private const string Mask = "***";

    /// <summary>Masks the password values of <paramref name="message"/>, and each password of <paramref name="storageTexts"/> wherever it appears.</summary>
    public static string Redact(string message, IEnumerable<string?> storageTexts)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(storageTexts);
        string redacted = PasswordValue().Replace(message, m => m.Groups["key"].Value + Mask);
        foreach (string password in storageTexts.SelectMany(PasswordsOf).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).OrderByDescending(p => p.Length))
        {
            redacted = redacted.Replace(password, Mask, StringComparison.Ordinal);
        }

        return redacted;
    }

    /// <summary>The password values a connection string holds, quoted or not.</summary>
    private static IEnumerable<string> PasswordsOf(string? text) => text is null
        ? []
        : PasswordValue().Matches(text).Select(m => m.Groups["value"].Value.Trim()).SelectMany(v => (string[])[v, v.Trim('"', '\'')]);

    [GeneratedRegex("""(?<key>\b(?:password|pwd)\s*=\s*)(?<value>"(?:[^"]|"")*"|'(?:[^']|'')*'|[^;\r\n]*)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PasswordValue();
}
