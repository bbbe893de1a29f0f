using Tuning.Tests.Support;

namespace Tuning.Tests.Storage;

/// <summary>Two objectives, a two-sided constraint and a stored metric survive storage and export, and the front still respects the constraint.</summary>
public class TwoObjectiveStorageTests
{
    private static readonly SearchSpace Space = new SearchSpaceBuilder().Float("x", 0, 1).Int("n", 1, 4).Build();

    private static readonly Metric[] Metrics =
        [Metric.Maximize("acc"), Metric.Minimize("ms"), Metric.Constraint("mem", min: 1, max: 5), Metric.Store("size")];

    /// <summary>Trials whose results would dominate everything but break the constraint on either side, feasible ones, and a failure.</summary>
    private static void TellHistory(Study study, int seed)
    {
        var random = new Random(seed);
        foreach (Trial t in study.Ask(12))
        {
            switch (t.Id % 6)
            {
                case 0:
                    study.Tell(t, new Measurements { ["acc"] = 0.99, ["ms"] = 1, ["mem"] = 6, ["size"] = 1e300 }); // above max
                    break;
                case 1:
                    study.Tell(t, new Measurements { ["acc"] = 0.99, ["ms"] = 1, ["mem"] = 0.5, ["size"] = 2 }); // below min
                    break;
                case 5:
                    study.Fail(t, "diverged");
                    break;
                default:
                    study.Tell(t, new Measurements { ["acc"] = 0.5 + (0.4 * random.NextDouble()), ["ms"] = 2 + (30 * random.NextDouble()), ["mem"] = 1 + (4 * random.NextDouble()), ["size"] = t.Id });
                    break;
            }
        }
    }

    private static void AssertSameStudy(Study expected, Study actual)
    {
        Assert.Equal(expected.Metrics.Select(m => m.ToString()), actual.Metrics.Select(m => m.ToString()));
        Metric mem = actual.Metrics.Single(m => m.Name == "mem");
        Assert.Equal((1.0, 5.0), (mem.Min!.Value, mem.Max!.Value));
        Assert.Equal(expected.Trials.Select(t => (t.State, t.Parameters)), actual.Trials.Select(t => (t.State, t.Parameters)));
        Assert.Equal(
            expected.Trials.Where(t => t.State == TrialState.Completed).Select(t => t.Values["size"]),
            actual.Trials.Where(t => t.State == TrialState.Completed).Select(t => t.Values["size"]));
        Assert.Equal(expected.ParetoFront.Select(t => t.Id), actual.ParetoFront.Select(t => t.Id));
        Assert.Equal(expected.InferReferencePoint(), actual.InferReferencePoint());
        Assert.Equal(expected.Hypervolume([0.4, 40]), actual.Hypervolume([0.4, 40]));
    }

    private static void AssertFrontIsFeasible(Study study)
    {
        Assert.NotEmpty(study.ParetoFront);
        Assert.All(study.ParetoFront, t => Assert.InRange(t.Values["mem"], 1, 5));
        Assert.DoesNotContain(study.ParetoFront, t => t.Values["acc"] == 0.99);
    }

    [Fact]
    public void Export_and_import_keep_metrics_thresholds_front_and_hypervolume()
    {
        PropertyCheck.ForAll(
            PropertyCheck.Seeds,
            seed =>
            {
                var study = new Study(Space, Metrics, new RandomSuggester(seed));
                TellHistory(study, seed);
                AssertFrontIsFeasible(study);

                string json = study.ToJson();
                Study imported = Study.FromJson(json);
                Assert.Equal(json, imported.ToJson());
                AssertSameStudy(study, imported);
                AssertFrontIsFeasible(imported);
            },
            maxTest: 30);
    }

    [Fact]
    public void A_reopened_study_keeps_them_and_continues_with_the_two_objective_GP()
    {
        var storage = new InMemoryStudyStorage();
        Study study = Study.Create(storage, "pareto", Space, Metrics, new RandomSuggester(seed: 3));
        TellHistory(study, 3);

        var options = new GaussianProcessOptions { Candidates = 128, LocalSearches = 2 };
        Study reopened = Study.Open(storage, "pareto", new GaussianProcessSuggester(seed: 3, options));
        AssertSameStudy(study, reopened);
        AssertFrontIsFeasible(reopened);

        IReadOnlyList<Trial> next = reopened.Ask(2);
        Assert.All(next, t => SpaceAssert.Valid(Space, t.Parameters));
        Assert.Equal(2, next.Select(t => t.Parameters).Distinct().Count());
        foreach (Trial t in next)
        {
            reopened.Tell(t, new Measurements { ["acc"] = 0.95, ["ms"] = 1 + t.GetDouble("x"), ["mem"] = 3, ["size"] = -1 });
        }

        // Both new results are feasible and beat every earlier feasible one; the one with the lower latency also beats the other.
        Assert.Equal([next.MinBy(t => t.GetDouble("x"))!.Id], reopened.ParetoFront.Select(t => t.Id));
        Assert.Equal(reopened.ParetoFront.Select(t => t.Id), study.ParetoFront.Select(t => t.Id));
    }
}
