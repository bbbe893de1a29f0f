using FsCheck.Fluent;
using FsCheck;
using Tuning.Bayesian.Acquisitions;
using Tuning.Bayesian.Models;
using Tuning.Tests.Support;

namespace Tuning.Tests.Bayesian.Acquisitions;

/// <summary>
/// The fidelity of a configuration: the untried level with the most information about the target per unit of cost,
/// among the levels that tell at least a quarter of what a target evaluation would (the floor).
/// </summary>
public class FidelityChoiceTests
{
    internal sealed record Case(FidelitySpec Fidelity, FidelityGpSpec Model, double[][] Probes, bool[] Tried)
    {
        public override string ToString() =>
            $"{Fidelity}; {Model}; probes {string.Join(" ", Probes.Select(p => $"({string.Join(", ", p)})"))}; tried [{string.Join(", ", Tried)}]";
    }

    private static Arbitrary<Case> Cases => Arb.From(
        from d in Gen.Choose(1, 3)
        from fidelity in FidelitySpec.Generate
        from model in ModelSpecs.FidelityGp(d).Where(m => (m.Tasks == 0) == (fidelity.Kind != 2))
        from probes in Gen.Choose(1, 4).SelectMany(k => ModelSpecs.Point(d).ArrayOf(k))
        from tried in Gen.Elements(false, false, false, true).ArrayOf(8)
        select new Case(fidelity, Matched(model, fidelity), probes, tried),
        c => Shrink.Array(c.Probes, ModelSpecs.ShrinkPoint, minLength: 1).Select(p => c with { Probes = p })
            .Concat(ModelSpecs.ShrinkFidelityGp(c.Model).Select(m => c with { Model = m }))
            .Concat(Enumerable.Range(0, c.Tried.Length).Where(i => c.Tried[i]).Select(i => c with { Tried = [.. c.Tried.Select((t, j) => t && j != i)] })));

    /// <summary>A task model gets the declaration's number of tasks and target; its coordinates stay task indices.</summary>
    private static FidelityGpSpec Matched(FidelityGpSpec model, FidelitySpec fidelity)
    {
        if (fidelity.Kind != 2)
        {
            return model;
        }

        int tasks = fidelity.TaskCosts.Length;
        int count = Tuning.Bayesian.Kernels.FidelityKernel.Count(model.Dimensions, new Tuning.Bayesian.Kernels.TaskFidelityKernel(tasks, fidelity.Target));
        return model with
        {
            Tasks = tasks,
            Target = fidelity.Target,
            Coordinates = [.. model.Coordinates.Select(s => s % tasks)],
            Offsets = [.. Enumerable.Range(0, count).Select(i => model.Offsets[i % model.Offsets.Length])],
        };
    }

    [Fact]
    public void The_choice_is_the_best_information_per_cost_above_the_floor_among_untried_levels()
    {
        int floorDecided = 0;
        PropertyCheck.ForAll(Cases, c =>
        {
            SearchSpace space = c.Fidelity.UnitSpace(c.Model.Dimensions);
            var axis = new FidelityAxis(space);
            var choice = new FidelityChoice(c.Model.Condition(), axis);
            FidelityLevel target = axis.Declaration.Target;
            // The proposal asks only about configurations not yet evaluated at the target, so the target is never tried.
            var tried = new HashSet<FidelityLevel>(axis.Levels.Where((level, i) => c.Tried[i % c.Tried.Length] && level != target));
            foreach (double[] x in c.Probes)
            {
                (FidelityLevel Level, double Value)? chosen = choice.Choose(x, tried);
                FidelityLevel[] untried = [.. axis.Levels.Where(l => !tried.Contains(l))];
                Assert.NotNull(chosen);
                Assert.Contains(chosen.Value.Level, untried);

                double atTarget = choice.TargetInformation(x, axis.TargetCoordinate);
                double Information(FidelityLevel level) => level == target ? atTarget : choice.TargetInformation(x, axis.Coordinate(level));
                double Score(FidelityLevel level) => Math.Log(Math.Max(Information(level), 1e-300)) - Math.Log(axis.Declaration.Cost(level));
                foreach (FidelityLevel raw in axis.Levels)
                {
                    Assert.InRange(Information(raw), 0, 1 + 1e-12); // a squared correlation
                }

                FidelityLevel[] eligible = [.. untried.Where(level => level == target || Information(level) >= 0.25 * atTarget)];
                Assert.Contains(chosen.Value.Level, eligible);
                double best = eligible.Max(Score);
                Assert.Equal(best, chosen.Value.Value, 1e-12 * Math.Max(1, Math.Abs(best)));
                Assert.Equal(best, Score(chosen.Value.Level), 1e-12 * Math.Max(1, Math.Abs(best)));
                if (untried.Max(Score) > best)
                {
                    floorDecided++; // a cheap, nearly uninformative level would have won without the floor
                }
            }
        });
        Assert.True(floorDecided > 0, "no generated case needed the floor; the property does not exercise it");
    }

    [Fact]
    public void Every_level_tried_leaves_nothing_to_choose_and_the_target_alone_is_chosen_when_left()
    {
        SearchSpace space = new FidelitySpec(0, 100, true, [], 0).UnitSpace(1);
        var axis = new FidelityAxis(space);
        var spec = new FidelityGpSpec([[0.2], [0.7], [0.4]], [0.1, 1, 0.5], [0.3, -0.2, 0.6], 0, 0, new double[7], Math.Log(1e-2));
        var choice = new FidelityChoice(spec.Condition(), axis);
        Assert.Equal([1.0, 4, 11, 33, 100], axis.Levels.Select(l => l.Value));
        Assert.Null(choice.Choose([0.5], new HashSet<FidelityLevel>(axis.Levels)));
        Assert.Equal(FidelityLevel.Range(100), choice.Choose([0.5], new HashSet<FidelityLevel>(axis.Levels.SkipLast(1)))!.Value.Level);
    }
}
