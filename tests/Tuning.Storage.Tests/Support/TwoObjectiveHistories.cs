namespace Tuning.Storage.Tests;

/// <summary>
/// Random histories of a study with two objectives in opposite directions, a two-sided constraint whose thresholds are
/// not short decimals, and a stored metric, with values at the edges of the doubles; and the check that a study read
/// back from a storage holds the same values bit for bit and so the same feasibility, Pareto front and hypervolume.
/// </summary>
internal static class TwoObjectiveHistories
{
    public static readonly SearchSpace Space = new SearchSpaceBuilder().Float("x", 0, 1).Categorical("kind", "a", "b").Build();

    /// <summary>The constraint comes between the objectives, so the objectives are not the first two metrics.</summary>
    public static readonly Metric[] Metrics =
        [Metric.Maximize("acc"), Metric.Constraint("mem", min: -0.0, max: 0.30000000000000004), Metric.Minimize("ms"), Metric.Store("size")];

    /// <summary>Values that a text or binary round trip could change: signed zeros, subnormals, the largest doubles, 0.1 + 0.2 beside 0.3.</summary>
    private static readonly double[] Pool =
        [0, -0.0, 0.1, 0.3, 0.30000000000000004, 0.30000000000000010, 1, -1, double.Epsilon, -double.Epsilon, 1e-300, 1e300, double.MaxValue, -double.MaxValue];

    /// <summary>Asks and finishes trials of <paramref name="study"/>: completed (feasible or not), failed, pruned after reports, and one left running.</summary>
    public static void Tell(Study study, int seed)
    {
        var random = new Random(seed);
        double Any() => Pool[random.Next(Pool.Length)];
        int count = random.Next(1, 14);
        for (int i = 0; i < count; i++)
        {
            Trial trial = study.Ask();
            switch (random.Next(6))
            {
                case 0:
                    study.Fail(trial, "diverged");
                    break;
                case 1:
                    trial.Report(0, Any());
                    trial.Report(1, Any());
                    study.Prune(trial);
                    break;
                default:
                    study.Tell(trial, new Measurements { ["acc"] = Any(), ["mem"] = Any(), ["ms"] = Any(), ["size"] = Any() });
                    break;
            }
        }

        study.Ask();
    }

    /// <summary>Checks that <paramref name="actual"/> holds <paramref name="expected"/>'s trials exactly and agrees on what they mean.</summary>
    public static void AssertSame(Study expected, Study actual)
    {
        Assert.Equal(expected.Metrics.Select(m => m.ToString()), actual.Metrics.Select(m => m.ToString()));
        Assert.Equal(expected.Trials.Count, actual.Trials.Count);
        foreach ((Trial e, Trial a) in expected.Trials.Zip(actual.Trials))
        {
            Assert.Equal((e.Id, e.State, e.Parameters), (a.Id, a.State, a.Parameters));
            Assert.Equal(Bits(e.Values), Bits(a.Values));
            Assert.Equal(e.Reports.Select(r => (r.Step, BitConverter.DoubleToInt64Bits(r.Value))), a.Reports.Select(r => (r.Step, BitConverter.DoubleToInt64Bits(r.Value))));
            Assert.Equal(e.MeetsConstraints, a.MeetsConstraints);
        }

        Assert.Equal(expected.ParetoFront.Select(t => t.Id), actual.ParetoFront.Select(t => t.Id));
        Assert.Equal(Outcome(() => expected.InferReferencePoint()), Outcome(() => actual.InferReferencePoint()));
        Assert.Equal(Outcome(() => [expected.Hypervolume()]), Outcome(() => [actual.Hypervolume()]));
        Assert.Equal(Outcome(() => [expected.Hypervolume([0, 1])]), Outcome(() => [actual.Hypervolume([0, 1])]));
    }

    private static List<(string Metric, long Bits)> Bits(IReadOnlyDictionary<string, double> values) =>
        [.. values.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => (kv.Key, BitConverter.DoubleToInt64Bits(kv.Value)))];

    /// <summary>The numbers a query gives, bit for bit, or the type and message of the exception it throws.</summary>
    private static string Outcome(Func<IReadOnlyList<double>> query)
    {
        try
        {
            return string.Join(", ", query().Select(v => BitConverter.DoubleToInt64Bits(v)));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or OverflowException)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
    }
}
