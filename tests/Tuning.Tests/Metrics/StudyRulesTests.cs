using FsCheck;
using FsCheck.Fluent;
using Tuning.Tests.Support;

namespace Tuning.Tests.Metrics;

/// <summary>The study rules in their one home: orientation, feasibility, dominance and the imputation of failed trials.</summary>
public class StudyRulesTests
{
    private static readonly SearchSpace Space = new SearchSpaceBuilder().Float("x", 0, 1).Build();

    private static readonly Gen<double> Values = Gen.Choose(-20, 20).Select(i => i / 4.0);

    [Fact]
    public void Better_means_smaller_when_minimized_and_larger_when_maximized()
    {
        PropertyCheck.ForAll(Gen.Zip(Values, Values), pair =>
        {
            (double a, double b) = pair;
            Assert.Equal(a < b, Metric.Minimize("loss").IsBetter(a, b));
            Assert.Equal(a > b, Metric.Maximize("acc").IsBetter(a, b));
            Assert.Equal(a, StudyRules.Orient(Metric.Maximize("acc"), StudyRules.Orient(Metric.Maximize("acc"), a)));
            Assert.Equal(StudyRules.IsBetter(Metric.Maximize("acc"), a, b), StudyRules.Orient(Metric.Maximize("acc"), a) < StudyRules.Orient(Metric.Maximize("acc"), b));
        });
    }

    [Fact]
    public void Metrics_that_are_not_objectives_have_no_better_value()
    {
        Assert.Contains("not an objective", Assert.Throws<InvalidOperationException>(() => Metric.Constraint("ms", max: 1).IsBetter(0, 1)).Message);
        Assert.Throws<InvalidOperationException>(() => Metric.Store("size").IsBetter(0, 1));
        Assert.Throws<ArgumentException>(() => StudyRules.Orient(Metric.Store("size"), 1));
    }

    [Fact]
    public void A_constraint_without_a_value_is_not_met_and_a_study_without_constraints_has_all_met()
    {
        Metric[] metrics = [Metric.Minimize("loss"), Metric.Constraint("ms", max: 10)];
        Assert.True(StudyRules.MeetsConstraints(metrics, new Dictionary<string, double> { ["loss"] = 1, ["ms"] = 10 }));
        Assert.False(StudyRules.MeetsConstraints(metrics, new Dictionary<string, double> { ["loss"] = 1, ["ms"] = 11 }));
        Assert.False(StudyRules.MeetsConstraints(metrics, new Dictionary<string, double>()));
        Assert.True(StudyRules.MeetsConstraints([Metric.Minimize("loss")], new Dictionary<string, double>()));

        var study = new Study(Space, metrics, new RandomSuggester(seed: 1));
        Trial running = study.Ask();
        Assert.False(running.MeetsConstraints);
        study.Tell(running, new Measurements { ["loss"] = 1, ["ms"] = 3 });
        Assert.True(running.MeetsConstraints);
    }

    [Fact]
    public void The_front_is_exactly_the_results_no_other_result_dominates_in_the_metrics_units()
    {
        Gen<(bool MaximizeFirst, bool MaximizeSecond, List<(double, double)> Points)> cases =
            from first in Gen.Elements(true, false)
            from second in Gen.Elements(true, false)
            from points in Gen.Zip(Values, Values).ListOf()
            select (first, second, points.ToList());
        PropertyCheck.ForAll(cases, c =>
        {
            Metric a = c.MaximizeFirst ? Metric.Maximize("a") : Metric.Minimize("a");
            Metric b = c.MaximizeSecond ? Metric.Maximize("b") : Metric.Minimize("b");
            var study = new Study(Space, [a, b], new RandomSuggester(seed: 2));
            foreach ((double va, double vb) in c.Points)
            {
                study.Tell(study.Ask(), new Measurements { ["a"] = va, ["b"] = vb });
            }

            bool NoWorse(Metric m, double x, double y) => !m.IsBetter(y, x);
            bool Dominates(Trial x, Trial y) =>
                NoWorse(a, x.Values["a"], y.Values["a"]) && NoWorse(b, x.Values["b"], y.Values["b"])
                && (a.IsBetter(x.Values["a"], y.Values["a"]) || b.IsBetter(x.Values["b"], y.Values["b"]));
            IReadOnlyList<Trial> trials = study.Trials;
            Assert.Equal(
                trials.Where(t => !trials.Any(o => Dominates(o, t))).Select(t => t.Id),
                study.ParetoFront.Select(t => t.Id));
        });
    }

    [Fact]
    public void A_failed_trial_stands_for_the_worst_completed_value_or_zero()
    {
        Assert.Equal(0, StudyRules.ImputeFailed([]));
        Assert.Equal(3, StudyRules.ImputeFailed([1, 3, -2]));
        PropertyCheck.ForAll(Values.NonEmptyListOf(), values => Assert.Equal(values.Max(), StudyRules.ImputeFailed([.. values])));
    }
}
