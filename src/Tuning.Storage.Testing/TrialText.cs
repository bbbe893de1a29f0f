using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Tuning.Storage.Testing;

/// <summary>A stored trial written out field by field on one line, for failure messages (its record's own text shows collections by type name).</summary>
internal static class TrialText
{
    private static readonly JsonSerializerOptions Escaped = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Of(StoredTrial t) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"trial {t.Number}: {t.State.ToString().ToLowerInvariant()}, parameters {t.Parameters}, "
            + $"values {{{string.Join(", ", t.Values.Select(v => $"{Quoted(v.Key)}: {v.Value:R}"))}}}, "
            + $"reports [{string.Join(", ", t.Reports.Select(r => $"({r.Step}, {r.Value:R})"))}], "
            + $"fail reason {(t.FailReason is null ? "null" : Quoted(t.FailReason))}, "
            + $"attributes {{{string.Join(", ", t.Attributes.Select(a => $"{Quoted(a.Key)}: {Quoted(a.Value)}"))}}}, "
            + $"started {t.StartedAt:O}, finished {(t.FinishedAt is DateTimeOffset f ? f.ToString("O", CultureInfo.InvariantCulture) : "null")}, heartbeat {t.HeartbeatAt:O}");

    /// <summary>Text as a JSON string, so that quotes, backslashes, line breaks and NUL show as escapes.</summary>
    private static string Quoted(string text) => JsonSerializer.Serialize(text, Escaped);
}
