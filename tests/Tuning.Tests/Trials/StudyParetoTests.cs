using FsCheck;
using FsCheck.Fluent;
using Tuning.Tests.Support;

namespace Tuning.Tests.Trials;

public class StudyParetoTests
{
    private static readonly SearchSpace Space = new SearchSpaceBuilder().Float("x", 0, 1).Build();

    private static readonly Metric[] Metrics =
        [Metric.Maximize("acc"), Metric.Minimize("ms"), Metric.Constraint("mem", max: 5), Metric.Store("size")];

    /// <summary>Random studies: 0 to 12 results with integer accuracy and latency, memory over the limit now and then, some failed runs.</summary>
    private static readonly Gen<(int[] Results, int AccReference, int MsReference)> Histories =
        from n in Gen.Choose(0, 12)
        from results in Gen.Choose(0, 10 * 11 * 9 * 4).ArrayOf(n)
        from accReference in Gen.Choose(-2, 8)
        from msReference in Gen.Choose(3, 12)
        select (results, accReference, msReference);

    private static (Study Study, List<(int Acc, int Ms)> Feasible) Build(int[] results)
    {
        var study = new Study(Space, Metrics, new RandomSuggester(seed: 1));
        var feasible = new List<(int, int)>();
        foreach (int code in results)
        {
            int acc = code % 11, ms = code / 11 % 10, mem = code / 110 % 9, kind = code / 990;
            Trial trial = study.Ask();
            if (kind == 3)
            {
                study.Fail(trial, "crashed");
                continue;
            }

            study.Tell(trial, new Measurements { ["acc"] = acc, ["ms"] = ms, ["mem"] = mem, ["size"] = code });
            if (mem <= 5)
            {
                feasible.Add((acc, ms));
            }
        }

        return (study, feasible);
    }

    [Fact]
    public void Hypervolume_with_mixed_directions_matches_counting_cells()
    {
        PropertyCheck.ForAll(
            Histories,
            h =>
            {
                (Study study, List<(int Acc, int Ms)> feasible) = Build(h.Results);
                if (feasible.Count == 0)
                {
                    Assert.Throws<InvalidOperationException>(() => study.Hypervolume([h.AccReference, h.MsReference]));
                    return;
                }

                // Cells [a, a+1] × [m, m+1] above the accuracy reference and below the latency reference that a feasible result covers.
                int cells = 0;
                for (int a = h.AccReference; a < 10; a++)
                {
                    for (int m = 0; m < h.MsReference; m++)
                    {
                        cells += feasible.Any(r => r.Acc >= a + 1 && r.Ms <= m) ? 1 : 0;
                    }
                }

                if (cells == 0)
                {
                    ArgumentException e = Assert.Throws<ArgumentException>(() => study.Hypervolume([h.AccReference, h.MsReference]));
                    Assert.Equal("referencePoint", e.ParamName);
                }
                else
                {
                    Assert.Equal(cells, study.Hypervolume([h.AccReference, h.MsReference]));
                }
            },
            maxTest: 300);
    }

    [Fact]
    public void The_front_is_the_feasible_results_no_feasible_result_dominates()
    {
        PropertyCheck.ForAll(
            Histories,
            h =>
            {
                (Study study, _) = Build(h.Results);
                List<Trial> feasible = [.. study.Trials.Where(t => t.State == TrialState.Completed && t.Values["mem"] <= 5)];
                static bool Dominates(Trial a, Trial b) =>
                    a.Values["acc"] >= b.Values["acc"] && a.Values["ms"] <= b.Values["ms"]
                    && (a.Values["acc"] > b.Values["acc"] || a.Values["ms"] < b.Values["ms"]);
                IEnumerable<int> expected = feasible.Where(t => !feasible.Any(o => Dominates(o, t))).Select(t => t.Id);
                Assert.Equal(expected, study.ParetoFront.Select(t => t.Id));
                Assert.All(study.ParetoFront, t => Assert.True(t.Values["mem"] <= 5));
            },
            maxTest: 200);
    }

    [Fact]
    public void Hypervolume_by_hand_with_an_inferred_reference()
    {
        var study = new Study(Space, Metrics, new RandomSuggester(seed: 2));
        (double Acc, double Ms, double Mem)[] results = [(0.9, 10, 1), (0.8, 5, 1), (0.85, 12, 1), (0.95, 20, 1), (0.99, 1, 6)];
        foreach ((double acc, double ms, double mem) in results)
        {
            study.Tell(study.Ask(), new Measurements { ["acc"] = acc, ["ms"] = ms, ["mem"] = mem, ["size"] = 0 });
        }

        // The last trial would dominate every other, but breaks the memory limit.
        Assert.Equal([0, 1, 3], study.ParetoFront.Select(t => t.Id));

        // Front (0.8, 5), (0.9, 10), (0.95, 20): nadir (0.8, 20), ranges 0.15 and 15.
        IReadOnlyList<double> reference = study.InferReferencePoint();
        Assert.Equal(0.8 - 0.015, reference[0], 12);
        Assert.Equal(21.5, reference[1], 12);

        // Against (0.7, 30): latency bands [5, 10), [10, 20), [20, 30) with accuracy above 0.7 of 0.1, 0.2 and 0.25.
        Assert.Equal((0.1 * 5) + (0.2 * 10) + (0.25 * 10), study.Hypervolume([0.7, 30]), 12);
        Assert.Equal(
            ((0.8 - reference[0]) * 5) + ((0.9 - reference[0]) * 10) + ((0.95 - reference[0]) * (reference[1] - 20)),
            study.Hypervolume(),
            12);
    }

    [Fact]
    public void One_objective_has_a_hypervolume_too()
    {
        var study = new Study(Space, Metric.Minimize("loss"), new RandomSuggester(seed: 3));
        study.Tell(study.Ask(), 2.0);
        study.Tell(study.Ask(), 0.5);
        Assert.Equal(2.5, study.Hypervolume([3.0]));
        Assert.Equal([0.5 + 0.05], study.InferReferencePoint());
    }

    [Fact]
    public void Bad_reference_points_get_clear_errors()
    {
        var study = new Study(Space, Metrics, new RandomSuggester(seed: 4));
        Assert.Contains("no Pareto front", Assert.Throws<InvalidOperationException>(() => study.Hypervolume()).Message);
        Assert.Throws<InvalidOperationException>(() => study.InferReferencePoint());

        study.Tell(study.Ask(), new Measurements { ["acc"] = 0.9, ["ms"] = 10, ["mem"] = 1, ["size"] = 0 });
        study.Tell(study.Ask(), new Measurements { ["acc"] = 0.8, ["ms"] = 5, ["mem"] = 1, ["size"] = 0 });

        ArgumentException dominatesNothing = Assert.Throws<ArgumentException>(() => study.Hypervolume([0.95, 50]));
        Assert.Equal("referencePoint", dominatesNothing.ParamName);
        Assert.Contains("No trial on the Pareto front is better than the reference point [0.95, 50]", dominatesNothing.Message);
        Assert.Contains("acc above 0.95 and ms below 50", dominatesNothing.Message);

        // On the boundary is not better: (0.8, 5) and (0.9, 10) are not strictly better than (0.9, 5).
        Assert.Throws<ArgumentException>(() => study.Hypervolume([0.9, 5]));
        Assert.Contains("one finite value per objective", Assert.Throws<ArgumentException>(() => study.Hypervolume([0.5])).Message);
        Assert.Throws<ArgumentException>(() => study.Hypervolume([0.5, 1, 2]));
        Assert.Throws<ArgumentException>(() => study.Hypervolume([double.NaN, 20]));
        Assert.Throws<ArgumentException>(() => study.Hypervolume([0.5, double.PositiveInfinity]));
    }

    [Fact]
    public void A_malformed_reference_point_is_refused_as_such_before_there_is_a_front()
    {
        // Without a result the front is empty, but a reference point of the wrong length or with NaN is a mistake in the
        // call itself, and the caller hears of that, not of the missing front it would only meet later.
        var study = new Study(Space, Metrics, new RandomSuggester(seed: 4));
        study.Tell(study.Ask(), new Measurements { ["acc"] = 0.9, ["ms"] = 10, ["mem"] = 9, ["size"] = 0 });
        foreach (double[] reference in new[] { [0.5], [0.5, 1, 2], [double.NaN, 20], (double[])[] })
        {
            ArgumentException e = Assert.Throws<ArgumentException>(() => study.Hypervolume(reference));
            Assert.Equal("referencePoint", e.ParamName);
            Assert.Contains("one finite value per objective (acc, ms)", e.Message);
            Assert.Throws<ArgumentException>(() => new StudySnapshot(study).Hypervolume(reference));
        }

        // A well-formed one still meets the missing front.
        Assert.Contains("no Pareto front", Assert.Throws<InvalidOperationException>(() => study.Hypervolume([0.5, 20])).Message);
    }

    [Fact]
    public void A_reference_point_so_near_the_front_that_the_area_underflows_is_refused_rather_than_measured_as_zero()
    {
        // The front (0, 0) is better than (1e-200, 1e-200) in both objectives, but the area 1e-400 is below the smallest
        // double: the hypervolume came back as 0, which the docs rule out and which reads as a front that covers nothing.
        var study = new Study(Space, [Metric.Minimize("a"), Metric.Maximize("b")], new RandomSuggester(seed: 5));
        study.Tell(study.Ask(), new Measurements { ["a"] = 0, ["b"] = 0 });

        ArgumentException e = Assert.Throws<ArgumentException>(() => study.Hypervolume([1e-200, -1e-200]));
        Assert.Equal("referencePoint", e.ParamName);
        Assert.Contains("below the smallest positive double", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new StudySnapshot(study).Hypervolume([1e-200, -1e-200]));

        // Subnormal areas are still areas, and the inferred reference point always gives one.
        Assert.Equal(1e-160 * 1e-160, study.Hypervolume([1e-160, -1e-160]));
        Assert.True(study.Hypervolume() > 0);
    }

    [Fact]
    public void Values_near_the_largest_double_give_a_finite_reference_and_a_clear_overflow()
    {
        var study = new Study(Space, [Metric.Minimize("a"), Metric.Minimize("b")], new RandomSuggester(seed: 5));
        study.Tell(study.Ask(), new Measurements { ["a"] = 1e308, ["b"] = 0 });
        study.Tell(study.Ask(), new Measurements { ["a"] = -1e308, ["b"] = 1 });

        IReadOnlyList<double> reference = study.InferReferencePoint();
        Assert.All(reference, v => Assert.True(double.IsFinite(v), $"{v} is not finite"));
        Assert.True(reference[0] > 1e308, $"{reference[0]} does not lie beyond the front");
        Assert.Contains("exceeds the largest double", Assert.Throws<OverflowException>(() => study.Hypervolume()).Message);
        Assert.Throws<OverflowException>(() => study.Hypervolume(reference));
    }

    [Fact]
    public void A_front_at_the_largest_double_has_no_inferred_hypervolume_rather_than_zero()
    {
        // No reference point lies beyond double.MaxValue, so the inferred one cannot be beaten: the hypervolume was 0,
        // which the docs rule out, while the same reference passed explicitly was refused.
        var study = new Study(Space, [Metric.Minimize("a"), Metric.Maximize("b")], new RandomSuggester(seed: 5));
        study.Tell(study.Ask(), new Measurements { ["a"] = double.MaxValue, ["b"] = 1 });

        Assert.Equal([double.MaxValue, 0.9], study.InferReferencePoint());
        Assert.Contains("Every trial on the Pareto front reaches the largest double in 'a',", Assert.Throws<OverflowException>(() => study.Hypervolume()).Message);
        Assert.Throws<ArgumentException>(() => study.Hypervolume(study.InferReferencePoint()));
        Assert.Throws<OverflowException>(() => new StudySnapshot(study).Hypervolume());

        // A front trial that does lie inside the inferred reference gives the hypervolume, as before.
        study.Tell(study.Ask(), new Measurements { ["a"] = 1, ["b"] = 0.5 });
        Assert.True(study.Hypervolume() > 0);
    }

    [Fact]
    public void Three_objectives_are_refused_and_two_have_no_best_trial()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(
            () => new Study(Space, [Metric.Minimize("a"), Metric.Minimize("b"), Metric.Maximize("c")]));
        Assert.Contains("3 metrics are optimized (a, b, c); a study optimizes at most 2", e.Message);

        var study = new Study(Space, Metrics, new RandomSuggester(seed: 5));
        study.Tell(study.Ask(), new Measurements { ["acc"] = 0.9, ["ms"] = 10, ["mem"] = 1, ["size"] = 0 });
        InvalidOperationException best = Assert.Throws<InvalidOperationException>(() => study.BestTrial);
        Assert.Contains("(acc and ms)", best.Message);
        Assert.Contains("use ParetoFront", best.Message);
        Assert.False(study.TryGetBestTrial(out _));
    }
}
