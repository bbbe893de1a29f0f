using System.Globalization;

namespace Tuning.Storage.Testing;

/// <summary>The space, study definition, parameters and proposer the checks share.</summary>
internal static class Fixtures
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static readonly Metric[] Loss = [Metric.Minimize("loss")];

    public static SearchSpace Space { get; } = new SearchSpaceBuilder()
        .Float("x", 0, 1)
        .Float("y", 0, 1)
        .Categorical("kind", "a", "b")
        .Build();

    /// <summary>The stored definition of a study of <see cref="Space"/> minimizing <c>loss</c>, as a <see cref="Study"/> writes it.</summary>
    public static string Definition { get; } = DefinitionOf(Space, Loss);


    /// <summary>A proposer that returns points x = 0.01·n for the new trials' numbers n (it needs every trial: ask with revision 0).</summary>
    public static TrialProposer Propose { get; } = snapshot =>
        [.. Enumerable.Range(snapshot.Changed.Count + snapshot.Claimed.Count, snapshot.Count).Select(n => Parameters(n % 100 / 100.0))];

    /// <summary>Parameters of <see cref="Space"/> as the JSON object a study stores.</summary>
    public static string Parameters(double x, double y = 0.5, string kind = "a") =>
        string.Create(CultureInfo.InvariantCulture, $"{{\"x\":{x:R},\"y\":{y:R},\"kind\":\"{kind}\"}}");

    public static Dictionary<string, double> LossOf(double value) => new() { ["loss"] = value };

    /// <summary>Starts trials at <see cref="T0"/> with <see cref="Propose"/>.</summary>
    public static IReadOnlyList<StoredTrial> Start(this IStudyStorage storage, long studyId, int count, DateTimeOffset? at = null) =>
        storage.StartTrials(studyId, count, 0, Propose, at is DateTimeOffset t ? new ManualTimeProvider(t) : new ManualTimeProvider(T0));

    public static string DefinitionOf(SearchSpace space, IReadOnlyList<Metric> metrics)
    {
        var storage = new InMemoryStudyStorage();
        Study.Create(storage, "definition", space, metrics, new RandomSuggester(seed: 1));
        return storage.FindStudy("definition")!.Definition;
    }
}
