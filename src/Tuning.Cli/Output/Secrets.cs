using Tuning.Storage;

namespace Tuning.Cli.Output;

/// <summary>
/// Keeps passwords out of the tool's messages: every <c>Password=…</c> or <c>Pwd=…</c> value becomes <c>***</c>, and so
/// does every secret of a storage string given to the tool wherever it appears (should a library's message quote one
/// without its key; <see cref="ConnectionStringSecrets"/>).
/// </summary>
internal static class Secrets
{
    /// <summary>Masks the password values of <paramref name="message"/>, and each secret of <paramref name="storageTexts"/> wherever it appears.</summary>
    public static string Redact(string message, IEnumerable<string?> storageTexts) => ConnectionStringSecrets.Redact(message, storageTexts);
}
