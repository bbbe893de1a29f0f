namespace Tuning;

/// <summary>An immutable snapshot of a trial as an <see cref="IStudyStorage"/> keeps it.</summary>
public sealed record StoredTrial
{
    /// <summary>Gets the trial's number in its study, from 0, which is also <see cref="Trial.Id"/>.</summary>
    public required int Number { get; init; }

    /// <summary>Gets the trial's state.</summary>
    public required TrialState State { get; init; }

    /// <summary>Gets the trial's active parameters as a JSON object (doubles, ints, strings and bools by name).</summary>
    public required string Parameters { get; init; }

    /// <summary>Gets the told values by metric name (empty until the trial is completed; a pruned trial keeps its last report).</summary>
    public IReadOnlyDictionary<string, double> Values { get; init; } = EmptyValues;

    /// <summary>Gets the intermediate reports in increasing step order.</summary>
    public IReadOnlyList<TrialReport> Reports { get; init; } = [];

    /// <summary>Gets why the trial failed, or <see langword="null"/>.</summary>
    public string? FailReason { get; init; }

    /// <summary>Gets the user's attributes of the trial.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = EmptyAttributes;

    /// <summary>Gets when the trial was started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Gets when the trial finished, or <see langword="null"/> while it runs.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Gets when the trial's worker last signalled it was alive.</summary>
    public required DateTimeOffset HeartbeatAt { get; init; }

    /// <summary>
    /// Gets the study-wide change number of the trial's last change: every change to any trial of a study takes the
    /// next number, so a reader that has seen every change up to <c>r</c> needs only the trials with a revision above <c>r</c>.
    /// </summary>
    public long Revision { get; init; }

    private static readonly IReadOnlyDictionary<string, double> EmptyValues = new Dictionary<string, double>();
    private static readonly IReadOnlyDictionary<string, string> EmptyAttributes = new Dictionary<string, string>();
}
