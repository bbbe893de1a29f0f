using FsCheck;
using FsCheck.Fluent;
using Tuning.Tests.Support;

namespace Tuning.Tests.Trials;

/// <summary>
/// The best trial of a study, kept as its trials are told here or by another worker, in any order: at every point the
/// one a search of every trial finds (<see cref="Study.FindBest"/>).
/// </summary>
public class BestTrialAsTrialsArriveTests
{
    private static readonly SearchSpace Space = new SearchSpaceBuilder().Float("x", 0, 1).Build();

    /// <summary>One step of a worker: ask a trial, or finish one of its running trials (told with a value and a constraint, failed or pruned).</summary>
    private sealed record Step(bool OtherWorker, int Kind, int Which, int Value, int Limit);

    private static readonly Gen<Step> Steps =
        from other in Gen.Elements(false, true)
        from kind in Gen.Choose(0, 4)
        from which in Gen.Choose(0, 20)
        from value in Gen.Choose(-2, 2)
        from limit in Gen.Choose(0, 3)
        select new Step(other, kind, which, value, limit);

    [Fact]
    public void At_every_point_the_best_trial_is_the_one_a_search_of_every_trial_finds()
    {
        PropertyCheck.ForAll(
            from maximize in Gen.Elements(false, true)
            from steps in Steps.ListOf()
            select (maximize, steps),
            c =>
            {
                var storage = new InMemoryStudyStorage();
                Metric[] metrics = [c.maximize ? Metric.Maximize("score") : Metric.Minimize("score"), Metric.Constraint("size", max: 2)];
                Study here = Study.Create(storage, "s", Space, metrics, new RandomSuggester(seed: 1));
                Study other = Study.Open(storage, "s", new RandomSuggester(seed: 2));
                var running = new Dictionary<Study, List<Trial>> { [here] = [], [other] = [] };
                foreach (Step step in c.steps)
                {
                    Study worker = step.OtherWorker ? other : here;
                    List<Trial> mine = running[worker];
                    if (step.Kind == 0 || mine.Count == 0)
                    {
                        mine.AddRange(worker.Ask(1 + (step.Which % 2)));
                    }
                    else
                    {
                        Trial trial = mine[step.Which % mine.Count];
                        mine.Remove(trial);
                        switch (step.Kind)
                        {
                            case 3:
                                worker.Fail(trial, "diverged");
                                break;
                            case 4:
                                trial.Report(1, step.Value);
                                worker.Prune(trial);
                                break;
                            default:
                                worker.Tell(trial, new Measurements { ["score"] = step.Value, ["size"] = step.Limit });
                                break;
                        }
                    }

                    foreach (Study study in new[] { here, other })
                    {
                        Trial? expected = study.FindBest(study.Trials);
                        Assert.Equal(expected is not null, study.TryGetBestTrial(out Trial? best));
                        Assert.Same(expected, best);
                        if (expected is null)
                        {
                            Assert.StartsWith(Study.WhyNoResult(study.Trials), Assert.Throws<InvalidOperationException>(() => study.BestTrial).Message, StringComparison.Ordinal);
                        }
                        else
                        {
                            Assert.Same(expected, study.BestTrial);
                        }
                    }
                }
            });
    }

    [Fact]
    public void A_run_that_reports_its_progress_after_every_trial_does_not_search_every_trial_each_time()
    {
        // 30,000 trials with a cheap suggester and a progress report, with its best trial, after each: every report
        // searched the whole history, about 4.5e8 trial looks and 40 s. The limit only catches a return to that.
        const int N = 30_000;
        var study = new Study(Space, Metric.Minimize("loss"), new RandomSuggester(seed: 4));
        var progress = new LastProgress();

        var clock = System.Diagnostics.Stopwatch.StartNew();
        study.Optimize(trial => trial.GetDouble("x"), trials: N, progress: progress);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"{clock.Elapsed.TotalSeconds:F1} s for {N} trials with progress");
        Assert.Equal(N, progress.Last!.Finished);
        Assert.Same(study.FindBest(study.Trials), progress.Last.BestTrial);
    }

    /// <summary>Keeps the last report, made on the run's own thread.</summary>
    private sealed class LastProgress : IProgress<StudyProgress>
    {
        public StudyProgress? Last { get; private set; }

        public void Report(StudyProgress value) => Last = value;
    }
}
