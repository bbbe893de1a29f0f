using FsCheck;
using FsCheck.Fluent;

namespace Tuning.Tests.Trials;

public class StudySnapshotTests
{
    /// <summary>A constrained two-objective space with an integer fidelity (epochs 1–9, cost ∝ epochs).</summary>
    private static readonly SearchSpace FidelitySpace = new SearchSpaceBuilder().Float("x", 0, 1).IntFidelity("epochs", 1, 9).Build();

    /// <summary>One told trial: its fidelity, two objective values on a coarse grid (so ties occur), a constraint value and how it ends.</summary>
    private readonly record struct Told(int Epochs, int F1, int F2, int Memory, int Ending);

    private static readonly Gen<Told> TrialGen =
        from epochs in Gen.Elements(1, 3, 9, 9)
        from f1 in Gen.Choose(0, 6)
        from f2 in Gen.Choose(0, 6)
        from memory in Gen.Choose(0, 9)
        from ending in Gen.Choose(0, 5)
        select new Told(epochs, f1, f2, memory, ending);

    /// <summary>Histories of up to 25 trials; a failing history shrinks by dropping trials.</summary>
    private static readonly Arbitrary<Told[]> Histories = Arb.From(
        Gen.Choose(0, 25).SelectMany(n => TrialGen.ArrayOf(n)),
        history => Enumerable.Range(0, history.Length).Select(i => history.Where((_, j) => j != i).ToArray()));

    [Fact]
    public void Trials_that_finish_after_the_snapshot_stay_as_the_snapshot_read_them()
    {
        var study = new Study(FidelitySpace, Metric.Minimize("loss"), new RandomSuggester(seed: 2));
        study.Tell(study.Ask(), 0.5);
        Trial running = study.Ask();
        running.Report(1, 0.3);
        var snapshot = new StudySnapshot(study);

        running.Report(2, 0.2);
        running.SetAttribute("note", "later");
        study.Tell(running, 0.1);

        Assert.Equal(1, snapshot.Count(TrialState.Running));
        Assert.Equal(TrialState.Running, snapshot.Trials[1].State);
        Assert.Single(snapshot.Trials[1].Reports);
        Assert.Empty(snapshot.Trials[1].Attributes);
        Assert.Equal(0.5, snapshot.BestTrial!.Value);
        Assert.Single(snapshot.Results);
        Assert.Equal(new StudySnapshot(study).Revision, snapshot.Revision + 3);
        Assert.Equal(TrialState.Completed, running.State);
    }

    private static Study Build(IEnumerable<Told> history, params Metric[] objectives)
    {
        var study = new Study(FidelitySpace, [.. objectives, Metric.Constraint("memory", max: 6)], new RandomSuggester(seed: 1));
        foreach (Told told in history)
        {
            study.Enqueue(new Dictionary<string, object> { ["x"] = told.F1 / 10.0, ["epochs"] = told.Epochs });
            Trial trial = study.Ask();
            var values = new Measurements { ["memory"] = told.Memory };
            foreach (Metric objective in objectives)
            {
                values[objective.Name] = objective.Name == "f1" ? told.F1 : told.F2;
            }

            switch (told.Ending)
            {
                case 0: study.Fail(trial, "out of memory"); break;
                case 1: trial.Report(1, told.F1); study.Prune(trial); break;
                case 2: break; // still running
                default: study.Tell(trial, values); break;
            }
        }

        return study;
    }

    private static void Check(Arbitrary<Told[]> histories, Action<Told[]> property) =>
        Prop.ForAll(histories, property).Check(Config.QuickThrowOnFailure.WithMaxTest(150).WithReplay(20261204, 0x9E3779B97F4A7C15UL | 1));

    [Fact]
    public void Results_best_trial_and_front_follow_the_study()
    {
        Check(Histories, history =>
        {
            Study single = Build(history, Metric.Minimize("f1"));
            var snapshot = new StudySnapshot(single);
            Assert.Equal(single.Trials.Select(t => t.Id), snapshot.Trials.Select(t => t.Id));
            Assert.Equal(single.TryGetBestTrial(out Trial? best) ? best.Id : -1, snapshot.BestTrial?.Id ?? -1);
            Assert.Equal(single.ParetoFront.Select(t => t.Id), snapshot.ParetoFront.Select(t => t.Id));

            Study two = Build(history, Metric.Minimize("f1"), Metric.Maximize("f2"));
            var twoSnapshot = new StudySnapshot(two);
            Assert.Null(twoSnapshot.BestTrial);
            Assert.Equal(two.ParetoFront.Select(t => t.Id), twoSnapshot.ParetoFront.Select(t => t.Id));
            Assert.All(twoSnapshot.Trials, t => Assert.Equal(two.ParetoFront.Any(f => f.Id == t.Id), twoSnapshot.IsOnParetoFront(t)));
        });
    }

    [Fact]
    public void The_hypervolume_is_the_studys_and_measures_the_snapshots_own_front()
    {
        Check(Histories, history =>
        {
            Study study = Build(history, Metric.Minimize("f1"), Metric.Maximize("f2"));
            var snapshot = new StudySnapshot(study);
            if (snapshot.ParetoFront.Count == 0)
            {
                Assert.Equal(Assert.Throws<InvalidOperationException>(() => study.Hypervolume()).Message, Assert.Throws<InvalidOperationException>(() => snapshot.Hypervolume()).Message);
                Assert.Throws<InvalidOperationException>(() => snapshot.InferReferencePoint());
                return;
            }

            Assert.Equal(study.InferReferencePoint(), snapshot.InferReferencePoint());
            Assert.Equal(study.Hypervolume(), snapshot.Hypervolume());
            Assert.Equal(study.Hypervolume([7, -1]), snapshot.Hypervolume([7, -1]));

            // A later trial that dominates the whole front changes the study's answers, not the snapshot's.
            double before = snapshot.Hypervolume();
            IReadOnlyList<double> reference = snapshot.InferReferencePoint();
            study.Enqueue(new Dictionary<string, object> { ["x"] = 0.5, ["epochs"] = 9 });
            study.Tell(study.Ask(), new Measurements { ["f1"] = -1, ["f2"] = 7, ["memory"] = 0 });
            Assert.NotEqual(study.Hypervolume(), snapshot.Hypervolume());
            Assert.Equal(before, snapshot.Hypervolume());
            Assert.Equal(reference, snapshot.InferReferencePoint());
        });
    }

    [Fact]
    public void A_result_is_completed_feasible_and_at_the_target_fidelity()
    {
        Check(Histories, history =>
        {
            var snapshot = new StudySnapshot(Build(history, Metric.Minimize("f1"), Metric.Minimize("f2")));
            for (int i = 0; i < history.Length; i++)
            {
                Trial trial = snapshot.Trials[i];
                bool completed = history[i].Ending >= 3;
                Assert.Equal(completed && history[i].Memory <= 6, completed && snapshot.IsFeasible(trial));
                Assert.Equal(completed && history[i].Memory <= 6 && history[i].Epochs == 9, snapshot.IsResult(trial));
            }

            Assert.Equal(snapshot.Trials.Where(snapshot.IsResult).Select(t => t.Id), snapshot.Results.Select(t => t.Id));
            Assert.All(snapshot.ParetoFront, t => Assert.True(snapshot.IsResult(t)));
        });
    }

    [Fact]
    public void Without_a_result_the_snapshot_gives_the_reason_the_study_gives()
    {
        Check(Histories, history =>
        {
            Study study = Build(history, Metric.Minimize("f1"));
            var snapshot = new StudySnapshot(study);
            if (snapshot.Results.Count > 0)
            {
                Assert.Null(snapshot.NoResultReason);
                return;
            }

            string message = Assert.Throws<InvalidOperationException>(() => study.BestTrial).Message;
            Assert.Equal(message, $"{snapshot.NoResultReason}, so there is no best trial.");
        });
    }

    [Fact]
    public void Best_so_far_never_gets_worse_and_ends_at_the_best_trial()
    {
        Check(Histories, history =>
        {
            var snapshot = new StudySnapshot(Build(history, Metric.Maximize("f2")));
            Assert.Equal(snapshot.Trials.Count, snapshot.BestSoFar.Count);
            double? previous = null;
            for (int i = 0; i < snapshot.BestSoFar.Count; i++)
            {
                Trial? best = snapshot.BestSoFar[i];
                if (best is null)
                {
                    Assert.Null(previous);
                    Assert.DoesNotContain(snapshot.Trials.Take(i + 1), snapshot.IsResult);
                    continue;
                }

                Assert.True(best.Id <= i && snapshot.IsResult(best));
                Assert.True(previous is null || best.Values["f2"] >= previous);
                Assert.Equal(snapshot.Trials.Take(i + 1).Where(snapshot.IsResult).Max(t => t.Values["f2"]), best.Values["f2"]);
                previous = best.Values["f2"];
            }

            Assert.Equal(snapshot.BestTrial?.Id, snapshot.BestSoFar.Count == 0 ? null : snapshot.BestSoFar[^1]?.Id);
        });
    }

    [Fact]
    public void Costs_are_each_trials_fidelity_cost()
    {
        Check(Histories, history =>
        {
            var snapshot = new StudySnapshot(Build(history, Metric.Minimize("f1")));
            Assert.Equal(history.Select(h => h.Epochs / 9.0), snapshot.Trials.Select(snapshot.Cost), new ToleranceComparer(1e-12));
            Assert.Equal(history.Sum(h => h.Epochs / 9.0), snapshot.TotalCost, 1e-9);
        });
    }

    [Fact]
    public void A_snapshot_keeps_the_trials_it_read_and_its_revision_tracks_changes()
    {
        Study study = Build([new Told(9, 1, 1, 0, 3)], Metric.Minimize("f1"));
        var first = new StudySnapshot(study);
        Assert.Equal(first.Revision, new StudySnapshot(study).Revision);

        Trial running = study.Ask();
        var second = new StudySnapshot(study);
        Assert.Single(first.Trials);
        Assert.Equal(2, second.Trials.Count);
        Assert.True(second.Revision > first.Revision);

        running.SetAttribute("host", "gpu-1");
        Assert.True(new StudySnapshot(study).Revision > second.Revision);
        Assert.Equal(1, second.Count(TrialState.Running));
        Assert.True(second.TryGetTrial(1, out Trial? found) && found.Id == 1);
        Assert.False(second.TryGetTrial(2, out _));
        Assert.Equal(0, new StudySnapshot(new Study(FidelitySpace, Metric.Minimize("f1"))).Revision);
    }

    [Fact]
    public void Cost_of_another_studys_trial_is_refused()
    {
        Study a = Build([new Told(9, 1, 1, 0, 3)], Metric.Minimize("f1"));
        Study b = Build([new Told(9, 1, 1, 0, 3)], Metric.Minimize("f1"));
        ArgumentException e = Assert.Throws<ArgumentException>(() => new StudySnapshot(a).Cost(b.Trials[0]));
        Assert.Equal("trial", e.ParamName);
        Assert.Throws<ArgumentNullException>(() => new StudySnapshot(null!));
        Assert.False(new StudySnapshot(a).IsOnParetoFront(b.Trials[0]));
    }

    [Fact]
    public void Whether_another_studys_trial_is_feasible_or_a_result_is_refused_not_judged_by_this_studys_metrics()
    {
        // Another study's metrics may differ; its trials are that study's to judge.
        Study a = Build([new Told(9, 1, 1, 0, 3)], Metric.Minimize("f1"));
        Study b = Build([new Told(9, 1, 1, 0, 3)], Metric.Minimize("f2"));
        var snapshot = new StudySnapshot(a);
        Assert.Equal("trial", Assert.Throws<ArgumentException>(() => snapshot.IsFeasible(b.Trials[0])).ParamName);
        Assert.Equal("trial", Assert.Throws<ArgumentException>(() => snapshot.IsResult(b.Trials[0])).ParamName);
        Assert.True(snapshot.IsResult(snapshot.Trials[0]));
        Assert.True(snapshot.IsFeasible(a.Trials[0]));
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
