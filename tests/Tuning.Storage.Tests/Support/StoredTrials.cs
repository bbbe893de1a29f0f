namespace Tuning.Storage.Tests;

/// <summary>Helpers to build and compare stored trials.</summary>
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

    /// <summary>A suggester callback that returns points x = 0.01·n for the trials' numbers n.</summary>
    public static Func<IReadOnlyList<StoredTrial>, int, IReadOnlyList<string>> Suggest { get; } =
        (history, count) => [.. Enumerable.Range(history.Count, count).Select(n => Parameters(n % 100 / 100.0))];

    public static Dictionary<string, double> Loss(double value) => new() { ["loss"] = value };

    /// <summary>Asserts that two trials hold the same data, field by field.</summary>
    public static void Equal(StoredTrial expected, StoredTrial actual, bool compareRevision = true)
    {
        Assert.Equal(expected.Number, actual.Number);
        Assert.Equal(expected.State, actual.State);
        Assert.Equal(expected.Parameters, actual.Parameters);
        Assert.Equal(expected.Values.OrderBy(kv => kv.Key, StringComparer.Ordinal), actual.Values.OrderBy(kv => kv.Key, StringComparer.Ordinal));
        Assert.Equal(expected.Reports, actual.Reports);
        Assert.Equal(expected.FailReason, actual.FailReason);
        Assert.Equal(expected.Attributes.OrderBy(kv => kv.Key, StringComparer.Ordinal), actual.Attributes.OrderBy(kv => kv.Key, StringComparer.Ordinal));
        Assert.Equal(expected.StartedAt, actual.StartedAt);
        Assert.Equal(expected.FinishedAt, actual.FinishedAt);
        Assert.Equal(expected.HeartbeatAt, actual.HeartbeatAt);
        if (compareRevision)
        {
            Assert.Equal(expected.Revision, actual.Revision);
        }
    }
}
