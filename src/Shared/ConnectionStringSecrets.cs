using System.Text.RegularExpressions;

namespace Tuning.Storage;

/// <summary>
/// Keeps the passwords of connection strings out of messages. A password is the value after a <c>Password=</c> key or
/// one of its other spellings that Npgsql takes, <c>Pwd=</c> and <c>Psw=</c>, or after Npgsql's <c>SslPassword=</c>
/// (also written <c>SSL Password=</c>), the password of the client
/// certificate's key, quoted or not; since an unquoted value that holds a <c>;</c> is cut short there and a driver's
/// message may then quote its tail as a key (lowercased), every piece of the string after such a key counts as secret
/// too. So is the password of a URL's user part (<c>postgres://me:secret@db/tuning</c>, <c>redis://:secret@cache</c>).
/// This file is compiled into several packages (see <c>src/Shared/README.md</c>).
/// </summary>
internal static partial class ConnectionStringSecrets
{
    /// <summary>What a secret becomes in a message.</summary>
    public const string Mask = "***";

    /// <summary>
    /// The shortest secret that is masked wherever it appears, even inside a word. A shorter one (a password of one or two
    /// characters, a short piece of a cut password's tail) is masked only where it stands alone: masked inside words, it
    /// would give itself away (<c>Dat***ase</c> for the password <c>ab</c>).
    /// </summary>
    private const int ShortestSecretInWords = 3;

    /// <summary>
    /// Masks, case-insensitively, every password value written in <paramref name="message"/> and every secret (see
    /// <see cref="SecretsOf"/>) of the <paramref name="connectionStrings"/> wherever it appears in it; a secret shorter
    /// than three characters only where no letter or digit adjoins it.
    /// </summary>
    public static string Redact(string message, IEnumerable<string?> connectionStrings)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(connectionStrings);
        string redacted = PasswordValue().Replace(message, m => m.Groups["key"].Value + Mask);
        redacted = MaskAll(redacted, connectionStrings.SelectMany(SecretsOf));
        return UrlPassword().Replace(redacted, m => m.Groups["user"].Value + Mask + "@");
    }

    /// <summary>
    /// Masks, case-insensitively and longest first, each of <paramref name="secrets"/> wherever it appears in
    /// <paramref name="message"/>; a secret shorter than three characters only where no letter or digit adjoins it.
    /// </summary>
    public static string MaskAll(string message, IEnumerable<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(secrets);
        string masked = message;
        foreach (string secret in secrets.Where(s => s.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).OrderByDescending(s => s.Length))
        {
            masked = secret.Length >= ShortestSecretInWords
                ? masked.Replace(secret, Mask, StringComparison.OrdinalIgnoreCase)
                : Regex.Replace(
                    masked,
                    $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(secret)}(?![\p{{L}}\p{{N}}])",
                    Mask,
                    RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        }

        return masked;
    }

    /// <summary>
    /// The secrets of a connection string: each password value (as written and without its quotes), the rest of the
    /// string after its key, and each piece of that rest between <c>;</c> and <c>=</c> signs.
    /// </summary>
    public static IEnumerable<string> SecretsOf(string? connectionString)
    {
        if (connectionString is null)
        {
            yield break;
        }

        foreach (Match match in PasswordValue().Matches(connectionString))
        {
            string value = match.Groups["value"].Value.Trim();
            foreach (string whole in (string[])[value, value.Trim('"', '\'')])
            {
                if (whole.Length > 0)
                {
                    yield return whole;
                }
            }

            string tail = connectionString[(match.Groups["value"].Index + match.Groups["value"].Length)..];
            if (tail.Trim().Trim(';').Length == 0)
            {
                continue;
            }

            yield return value + tail.TrimEnd();
            foreach (string piece in tail.Split([';', '='], StringSplitOptions.TrimEntries))
            {
                if (piece.Length > 0)
                {
                    yield return piece;
                }
            }
        }
    }

    /// <summary>A URL's <c>user:password@</c>, after its <c>scheme://</c> or at the start of a word (<c>postgres://me:secret@db/tuning</c>).</summary>
    [GeneratedRegex("""(?<=://|^|[\s'"(])(?<user>[^\s:/@'"]*:)(?<password>[^\s@/'"]+)@""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    internal static partial Regex UrlPassword();

    [GeneratedRegex("""(?<key>\b(?:ssl)?(?:password|pwd|psw)\s*=\s*)(?<value>"(?:[^"]|"")*"|'(?:[^']|'')*'|[^;\r\n]*)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PasswordValue();
}
