using System.Globalization;
using Tuning.Storage;

namespace Tuning;

/// <summary>
/// The fail reason a trial stores when an exception ended it: the exception's type and message after what happened,
/// with any password its message quotes (a connection string's, say) masked, since reasons are stored, shown and logged.
/// </summary>
internal static class FailReason
{
    /// <summary>"<paramref name="what"/>Type: message", masked.</summary>
    /// <param name="what">What happened, ending where the exception's type follows (empty for the objective's own exception).</param>
    /// <param name="exception">The exception, or null if none is known.</param>
    public static string Of(string what, Exception? exception) =>
        ConnectionStringSecrets.Redact($"{what}{exception?.GetType().Name}: {exception?.Message}", []);

    /// <summary>The message of a <see cref="TrialFailedException"/>, which is a reason already, masked.</summary>
    /// <param name="exception">The exception.</param>
    public static string Of(TrialFailedException exception) => ConnectionStringSecrets.Redact(exception.Message, []);

    /// <summary>"The objective reported NaN at step 3.": a diverged run whose report <see cref="Trial.Report"/> refused.</summary>
    /// <param name="report">The refused report.</param>
    public static string OfDivergedReport(TrialReport report) =>
        string.Create(CultureInfo.InvariantCulture, $"The objective reported {report.Value} at step {report.Step}.");
}
