using System.Globalization;
using System.Text;

namespace Tuning.Cli.Output;

/// <summary>How the tool writes values for people to read: invariant culture, short numbers, UTC times.</summary>
internal static class Text
{
    /// <summary>A metric value or a float parameter, to six significant digits.</summary>
    public static string Number(double value) => value.ToString("g6", CultureInfo.InvariantCulture);

    /// <summary>A parameter's value: numbers as <see cref="Number"/>, bools as <c>true</c>/<c>false</c>, strings as they are.</summary>
    public static string Value(object value) => value switch
    {
        double d => Number(d),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    /// <summary>A time in UTC to the second, ISO 8601: <c>2026-05-01T12:00:00Z</c>.</summary>
    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A duration: <c>350 ms</c>, <c>1.25 s</c>, <c>12.4 s</c>, <c>3m 05s</c>, <c>2h 03m</c> or <c>3d 04h</c>.</summary>
    public static string Duration(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            duration = TimeSpan.Zero;
        }

        return duration.TotalSeconds switch
        {
            < 1 => string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalMilliseconds} ms"),
            < 10 => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.00} s"),
            < 60 => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.0} s"),
            < 3600 => string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalMinutes}m {duration.Seconds:00}s"),
            < 86400 => string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalHours}h {duration.Minutes:00}m"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalDays}d {duration.Hours:00}h"),
        };
    }

    /// <summary>Text on one line: line breaks and tabs become spaces, other control characters are dropped.</summary>
    public static string OneLine(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var line = new StringBuilder(text.Length);
        foreach (char c in text.Replace("\r\n", " ", StringComparison.Ordinal))
        {
            if (c is '\n' or '\r' or '\t')
            {
                line.Append(' ');
            }
            else if (!char.IsControl(c))
            {
                line.Append(c);
            }
        }

        return line.ToString();
    }

    /// <summary>Trial counts by state, in a fixed order, leaving out the states no trial is in: <c>3 completed, 1 failed</c>.</summary>
    public static string StateCounts(IReadOnlyList<Trial> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        IEnumerable<string> parts = StateOrder
            .Select(state => (State: state, Count: trials.Count(t => t.State == state)))
            .Where(x => x.Count > 0)
            .Select(x => $"{x.Count.ToString(CultureInfo.InvariantCulture)} {StateName(x.State)}");
        return string.Join(", ", parts);
    }

    /// <summary>The states in the order the tool lists them.</summary>
    public static IReadOnlyList<TrialState> StateOrder { get; } = [TrialState.Completed, TrialState.Pruned, TrialState.Failed, TrialState.Running];

    /// <summary>A state's name as the JSON export writes it: <c>completed</c>, <c>failed</c>, <c>pruned</c>, <c>running</c>.</summary>
    public static string StateName(TrialState state) => state.ToString().ToLowerInvariant();
}
