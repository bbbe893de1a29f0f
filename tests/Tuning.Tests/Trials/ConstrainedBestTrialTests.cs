using FsCheck;
using FsCheck.Fluent;
using Tuning.Tests.Support;

namespace Tuning.Tests.Trials;

/// <summary>
/// The best trial of a constrained study with one objective, and what the study says when there is none, checked against
/// a brute-force reference on histories of completed (feasible or not), failed, pruned and running trials with ties.
/// </summary>
public class ConstrainedBestTrialTests
{
    private static readonly SearchSpace Space = new SearchSpaceBuilder().Float("x", 0, 1).Build();

    /// <summary>One trial as [kind, value, low, high]: kind 0 to 3 completed, 4 failed, 5 pruned after a report, 6 running.</summary>
    private static readonly Gen<int[]> TrialCodes =
        from kind in Gen.Choose(0, 6)
        from value in Gen.Choose(0, 4)
        from low in Gen.Choose(0, 5)
        from high in Gen.Choose(0, 5)
        select new[] { kind, value, low, high };

    /// <summary>
    /// A history: whether the objective is maximized, and trials whose two constraint values must lie in 1 ≤ low and
    /// high ≤ 3 (one constraint with a lower threshold, one with an upper). A failing history shrinks by dropping trials and
    /// moving their numbers toward 0.
    /// </summary>
    private static readonly Arbitrary<(bool Maximize, int[][] Trials)> Histories = Arb.From(
        from maximize in Gen.Elements(false, true)
        from n in Gen.Choose(0, 10)
        from trials in TrialCodes.ArrayOf(n)
        select (Maximize: maximize, Trials: trials),
        c => Shrink.Array(c.Trials, t => Shrink.Array(t, v => Shrink.Toward(v, 0), minLength: 4)).Select(trials => (c.Maximize, trials)));

    private static Study Build(bool maximize, int[][] trials)
    {
        Metric[] metrics = [maximize ? Metric.Maximize("score") : Metric.Minimize("score"), Metric.Constraint("low", min: 1), Metric.Constraint("high", max: 3)];
        var study = new Study(Space, metrics, new RandomSuggester(seed: 3));
        foreach (int[] t in trials)
        {
            Trial trial = study.Ask();
            switch (t[0])
            {
                case 4:
                    study.Fail(trial, "diverged");
                    break;
                case 5:
                    trial.Report(1, maximize ? 100 : -100); // better than any result, but a pruned trial is none
                    study.Prune(trial);
                    break;
                case 6:
                    break;
                default:
                    study.Tell(trial, new Measurements { ["score"] = t[1], ["low"] = t[2], ["high"] = t[3] });
                    break;
            }
        }

        return study;
    }

    [Fact]
    public void The_best_trial_is_the_earliest_feasible_completed_trial_with_the_best_value()
    {
        PropertyCheck.ForAll(
            Histories,
            h =>
            {
                Study study = Build(h.Maximize, h.Trials);
                List<Trial> feasible = [.. study.Trials.Where(t => t.State == TrialState.Completed && t.Values["low"] >= 1 && t.Values["high"] <= 3)];
                var snapshot = new StudySnapshot(study);
                if (feasible.Count == 0)
                {
                    InvalidOperationException e = Assert.Throws<InvalidOperationException>(() => study.BestTrial);
                    bool anyCompleted = study.Trials.Any(t => t.State == TrialState.Completed);
                    Assert.StartsWith(anyCompleted ? "No completed trial meets every constraint yet" : "No trial has completed yet", e.Message, StringComparison.Ordinal);
                    Assert.False(study.TryGetBestTrial(out _));
                    Assert.Null(snapshot.BestTrial);
                    Assert.Empty(study.ParetoFront);
                    Assert.Equal(e.Message, $"{snapshot.NoResultReason}, so there is no best trial.");
                    return;
                }

                double best = h.Maximize ? feasible.Max(t => t.Values["score"]) : feasible.Min(t => t.Values["score"]);
                Trial expected = feasible.First(t => t.Values["score"] == best);
                Assert.Equal(expected.Id, study.BestTrial.Id);
                Assert.True(study.TryGetBestTrial(out Trial? tried) && tried.Id == expected.Id);
                Assert.Equal(expected.Id, snapshot.BestTrial?.Id);
                Assert.Null(snapshot.NoResultReason);

                // With one objective the front is every feasible result that ties for the best value.
                Assert.Equal(feasible.Where(t => t.Values["score"] == best).Select(t => t.Id), study.ParetoFront.Select(t => t.Id));

                // The best so far after the last trial is the best trial.
                Assert.Equal(expected.Id, snapshot.BestSoFar[^1]?.Id);
            },
            maxTest: 300);
    }
}
