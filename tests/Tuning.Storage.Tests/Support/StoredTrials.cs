namespace Tuning.Storage.Tests;

/// <summary>Helpers to build stored trials for the storage-specific and worker-process tests.</summary>
internal static class StoredTrials
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static SearchSpace Space { get; } = new SearchSpaceBuilder()
        .Float("x", 0, 1)
        .Float("y", 0, 1)
        .Categorical("kind", "a", "b")
        .Build();

    public static string Definition { get; } = new StudyDefinition(Space, [Metric.Minimize("loss")]).ToJson();

    public static string Parameters(double x, double y = 0.5, string kind = "a") =>
        ParametersJson.Write(Space.CreateValues(new Dictionary<string, object> { ["x"] = x, ["y"] = y, ["kind"] = kind }));

    /// <summary>A proposer that returns points x = 0.01·n for the new trials' numbers n (ask with revision 0, so that it sees every trial).</summary>
    public static TrialProposer Propose { get; } =
        snapshot => [.. Enumerable.Range(snapshot.Changed.Count + snapshot.Claimed.Count, snapshot.Count).Select(n => Parameters(n % 100 / 100.0))];

    /// <summary>Starts trials at <see cref="T0"/>.</summary>
    public static IReadOnlyList<StoredTrial> Start(IStudyStorage storage, long studyId, int count) =>
        storage.StartTrials(studyId, count, 0, Propose, new Testing.ManualTimeProvider(T0));
}
