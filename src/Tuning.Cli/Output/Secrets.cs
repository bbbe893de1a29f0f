using System.Text.RegularExpressions;
using Tuning.Storage;

namespace Tuning.Cli.Output;

/// <summary>
/// Keeps passwords out of the tool's messages: every <c>Password=…</c>, <c>Pwd=…</c> or <c>Psw=…</c> value becomes <c>***</c>, and so
/// does every secret of a storage string given to the tool wherever it appears (should a library's message quote one
/// without its key; <see cref="ConnectionStringSecrets"/>, which masks Npgsql's <c>SslPassword=…</c>, the client key's
/// password, the same way). So is the password of a URL's user part
/// (<c>user:password@host</c>, as in <c>postgres://me:secret@db/tuning</c>, a form the tool refuses but a user may well give).
/// </summary>
internal static class Secrets
{
    /// <summary>Masks the password values of <paramref name="message"/>, and each secret of <paramref name="storageTexts"/> wherever it appears.</summary>
    public static string Redact(string message, IEnumerable<string?> storageTexts)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(storageTexts);
        string?[] texts = [.. storageTexts];

        // A URL's whole password first: masking the part before an '@' in it first would leave the rest unfound.
        string redacted = ConnectionStringSecrets.MaskAll(message, texts.SelectMany(UrlPasswordsOf));
        return ConnectionStringSecrets.Redact(redacted, texts);
    }

    /// <summary>
    /// The passwords of a storage string's URL user parts: each <c>user:password@</c> at the start of a word, and the
    /// password of a URL's whole user part, from the first <c>:</c> after <c>scheme://</c> to the last <c>@</c>, so that
    /// a password pasted without percent-encoding (<c>postgres://me:pa/ss w@rd@db/tuning</c>) is found whole.
    /// </summary>
    private static IEnumerable<string> UrlPasswordsOf(string? text)
    {
        if (text is null)
        {
            yield break;
        }

        foreach (Match match in ConnectionStringSecrets.UrlPassword().Matches(text))
        {
            yield return match.Groups["password"].Value;
        }

        int scheme = text.IndexOf("://", StringComparison.Ordinal);
        int userEnd = text.LastIndexOf('@');
        if (scheme >= 0 && userEnd > scheme)
        {
            string user = text[(scheme + 3)..userEnd];
            int colon = user.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0 && colon < user.Length - 1)
            {
                yield return user[(colon + 1)..];
            }
        }
    }
}
