using FsCheck;
using FsCheck.Fluent;
using Tuning.Tests.Support;

namespace Tuning.Tests.Trials;

/// <summary>
/// The Pareto front, its hypervolume and its inferred reference point of studies in each of the four pairs of
/// directions, checked against brute-force references written in the metrics' own units (no orientation), on histories
/// of completed, infeasible, failed, pruned and running trials with many ties and duplicates.
/// </summary>
public class ParetoFrontDirectionsTests
{
    private static readonly SearchSpace Space = new SearchSpaceBuilder().Float("x", 0, 1).Build();

    /// <summary>The values an objective takes: few, so that ties and duplicates are common.</summary>
    private const int Largest = 6;

    /// <summary>One trial as [kind, a, b, mem] (see <see cref="Histories"/>).</summary>
    private static readonly Gen<int[]> TrialCodes =
        from kind in Gen.Choose(0, 6)
        from a in Gen.Choose(0, Largest)
        from b in Gen.Choose(0, Largest)
        from mem in Gen.Choose(0, 5)
        select new[] { kind, a, b, mem };

    /// <summary>
    /// A history: the directions (0 to 3, the bits saying which objective is maximized), trials as [kind, a, b, mem]
    /// (kind 0 to 3 completed, 4 failed, 5 pruned after a report, 6 running; a and b in 0…6; mem in 0…5 against the
    /// constraint 1 ≤ mem ≤ 4), and a reference point in −1…8. A failing history shrinks by dropping trials and moving
    /// their numbers toward 0 (completed, feasible or not), so it is reported at its smallest.
    /// </summary>
    private static readonly Arbitrary<(int Directions, int[][] Trials, int[] Reference)> Histories = Arb.From(
        from directions in Gen.Choose(0, 3)
        from n in Gen.Choose(0, 12)
        from trials in TrialCodes.ArrayOf(n)
        from r0 in Gen.Choose(-1, Largest + 2)
        from r1 in Gen.Choose(-1, Largest + 2)
        select (Directions: directions, Trials: trials, Reference: new[] { r0, r1 }),
        c => Shrink.Array(c.Trials, t => Shrink.Array(t, v => Shrink.Toward(v, 0), minLength: 4)).Select(trials => (c.Directions, trials, c.Reference)));

    private static Metric[] MetricsOf(int directions) =>
    [
        (directions & 1) == 0 ? Metric.Minimize("a") : Metric.Maximize("a"),
        (directions & 2) == 0 ? Metric.Minimize("b") : Metric.Maximize("b"),
        Metric.Constraint("mem", min: 1, max: 4),
    ];

    private static Study Build(int directions, int[][] trials)
    {
        var study = new Study(Space, MetricsOf(directions), new RandomSuggester(seed: 7));
        foreach (int[] t in trials)
        {
            Trial trial = study.Ask();
            switch (t[0])
            {
                case 4:
                    study.Fail(trial, "diverged");
                    break;
                case 5:
                    trial.Report(1, t[1]);
                    study.Prune(trial);
                    break;
                case 6:
                    break;
                default:
                    study.Tell(trial, new Measurements { ["a"] = t[1], ["b"] = t[2], ["mem"] = t[3] });
                    break;
            }
        }

        return study;
    }

    /// <summary>Whether <paramref name="value"/> is at least as good as <paramref name="other"/> for the metric.</summary>
    private static bool AtLeastAsGood(Metric metric, double value, double other) =>
        metric.Kind == MetricKind.Minimize ? value <= other : value >= other;

    /// <summary>The ids of the completed trials within the constraint that no other such trial dominates, by definition.</summary>
    private static List<int> BruteForceFront(Study study)
    {
        Metric a = study.Objectives[0], b = study.Objectives[1];
        List<Trial> feasible = [.. study.Trials.Where(t => t.State == TrialState.Completed && t.Values["mem"] is >= 1 and <= 4)];
        bool Dominates(Trial p, Trial q) =>
            AtLeastAsGood(a, p.Values["a"], q.Values["a"]) && AtLeastAsGood(b, p.Values["b"], q.Values["b"])
            && (p.Values["a"] != q.Values["a"] || p.Values["b"] != q.Values["b"]);
        return [.. feasible.Where(t => !feasible.Any(o => Dominates(o, t))).Select(t => t.Id)];
    }

    /// <summary>
    /// The area the front covers beyond the reference point, by counting unit cells in the metrics' own units: a cell
    /// [c, c + 1] of a minimized objective lies below the reference r when c + 1 ≤ r and is covered by a value v ≤ c; of a
    /// maximized one, it lies above r when c ≥ r and is covered by v ≥ c + 1.
    /// </summary>
    private static int BruteForceCells(Study study, IReadOnlyList<Trial> front, int[] reference)
    {
        Metric a = study.Objectives[0], b = study.Objectives[1];
        IEnumerable<int> Cells(Metric m, int r) => m.Kind == MetricKind.Minimize
            ? Enumerable.Range(-2, Math.Max(0, r + 2))
            : Enumerable.Range(r, Math.Max(0, Largest + 2 - r));
        bool Covers(Metric m, double v, int c) => m.Kind == MetricKind.Minimize ? v <= c : v >= c + 1;
        return Cells(a, reference[0]).Sum(ca => Cells(b, reference[1]).Count(cb =>
            front.Any(t => Covers(a, t.Values["a"], ca) && Covers(b, t.Values["b"], cb))));
    }

    [Fact]
    public void The_front_is_every_feasible_completed_trial_no_other_dominates_in_any_directions()
    {
        PropertyCheck.ForAll(
            Histories,
            h =>
            {
                Study study = Build(h.Directions, h.Trials);
                List<int> expected = BruteForceFront(study);
                Assert.Equal(expected, study.ParetoFront.Select(t => t.Id));

                var snapshot = new StudySnapshot(study);
                Assert.Equal(expected, snapshot.ParetoFront.Select(t => t.Id));
                Assert.Equal(expected, study.Trials.Where(snapshot.IsOnParetoFront).Select(t => t.Id));
                Assert.All(snapshot.ParetoFront, t => Assert.True(t.MeetsConstraints && snapshot.IsResult(t)));
            },
            maxTest: 300);
    }

    [Fact]
    public void Hypervolume_with_a_given_reference_counts_the_cells_the_front_covers_in_any_directions()
    {
        PropertyCheck.ForAll(
            Histories,
            h =>
            {
                Study study = Build(h.Directions, h.Trials);
                double[] reference = [h.Reference[0], h.Reference[1]];
                IReadOnlyList<Trial> front = study.ParetoFront;
                if (front.Count == 0)
                {
                    Assert.Contains("no Pareto front", Assert.Throws<InvalidOperationException>(() => study.Hypervolume(reference)).Message);
                    return;
                }

                int cells = BruteForceCells(study, front, h.Reference);
                if (cells == 0)
                {
                    Assert.Equal("referencePoint", Assert.Throws<ArgumentException>(() => study.Hypervolume(reference)).ParamName);
                }
                else
                {
                    Assert.Equal(cells, study.Hypervolume(reference));
                    Assert.Equal(cells, new StudySnapshot(study).Hypervolume(reference));
                }
            },
            maxTest: 300);
    }

    [Fact]
    public void Every_front_trial_is_strictly_better_than_the_inferred_reference_in_its_own_direction()
    {
        PropertyCheck.ForAll(
            Histories,
            h =>
            {
                Study study = Build(h.Directions, h.Trials);
                if (study.ParetoFront.Count == 0)
                {
                    Assert.Throws<InvalidOperationException>(study.InferReferencePoint);
                    return;
                }

                IReadOnlyList<double> reference = study.InferReferencePoint();
                foreach (Trial t in study.ParetoFront)
                {
                    for (int j = 0; j < 2; j++)
                    {
                        Metric m = study.Objectives[j];
                        Assert.True(m.IsBetter(t.Values[m.Name], reference[j]), $"#{t.Id}: {m.Name} = {t.Values[m.Name]} is not better than {reference[j]}");
                    }
                }

                Assert.True(study.Hypervolume() > 0);
                Assert.Equal(study.Hypervolume(reference), study.Hypervolume());
            },
            maxTest: 200);
    }

    [Fact]
    public void Export_and_import_keep_the_front_and_its_hypervolume_in_any_directions()
    {
        PropertyCheck.ForAll(
            Histories,
            h =>
            {
                Study study = Build(h.Directions, h.Trials);
                Study imported = Study.FromJson(study.ToJson(), suggester: new RandomSuggester(seed: 7));
                Assert.Equal(study.Objectives.Select(m => m.ToString()), imported.Objectives.Select(m => m.ToString()));
                Assert.Equal(study.ParetoFront.Select(t => t.Id), imported.ParetoFront.Select(t => t.Id));
                Assert.Equal(study.Trials.Select(t => t.MeetsConstraints), imported.Trials.Select(t => t.MeetsConstraints));
                if (study.ParetoFront.Count > 0)
                {
                    Assert.Equal(study.InferReferencePoint(), imported.InferReferencePoint());
                    Assert.Equal(study.Hypervolume(), imported.Hypervolume());
                }
            },
            maxTest: 100);
    }

    [Fact]
    public void One_trial_is_its_own_front_and_one_trial_that_dominates_all_others_is_the_whole_front()
    {
        Study single = Build(1, [[0, 3, 3, 2]]);
        Assert.Equal([0], single.ParetoFront.Select(t => t.Id));

        // Trial 2 (a = 6 maximized, b = 0 minimized) is at least as good as every other in both: the front is it alone.
        Study dominated = Build(1, [[0, 5, 1, 2], [0, 2, 0, 2], [0, 6, 0, 3], [0, 6, 2, 1], [4, 0, 0, 0]]);
        Assert.Equal([2], dominated.ParetoFront.Select(t => t.Id));

        // Equal results are all kept; an equal result that breaks the constraint is not.
        Study equal = Build(0, [[0, 1, 1, 2], [0, 1, 1, 4], [0, 1, 1, 5], [0, 2, 2, 2]]);
        Assert.Equal([0, 1], equal.ParetoFront.Select(t => t.Id));
    }

    [Theory]
    [InlineData("a", double.NaN)]
    [InlineData("b", double.PositiveInfinity)]
    [InlineData("a", double.NegativeInfinity)]
    [InlineData("mem", double.NaN)]
    [InlineData("mem", double.NegativeInfinity)]
    public void A_value_that_is_not_finite_is_refused_naming_its_metric_and_leaves_the_trial_and_the_front_as_they_were(string metric, double value)
    {
        // An infinite value would dominate every other trial (or a NaN compare as neither better nor worse), so none is taken.
        Study study = Build(1, [[0, 3, 3, 2]]);
        Trial trial = study.Ask();
        var measurements = new Measurements { ["a"] = 5, ["b"] = 1, ["mem"] = 2 };
        measurements[metric] = value;

        ArgumentException e = Assert.Throws<ArgumentException>(() => study.Tell(trial, measurements));
        Assert.Equal("measurements", e.ParamName);
        Assert.Contains($"for the metric '{metric}'; values must be finite", e.Message, StringComparison.Ordinal);
        Assert.Equal(TrialState.Running, trial.State);
        Assert.Equal([0], study.ParetoFront.Select(t => t.Id));

        study.Tell(trial, new Measurements { ["a"] = 5, ["b"] = 1, ["mem"] = 2 });
        Assert.Equal([1], study.ParetoFront.Select(t => t.Id));
    }
}
