using Tuning.Tests.Support;

namespace Tuning.Tests.Suggesters;

public class GridSuggesterTests
{
    [Fact]
    public void A_parameter_with_too_many_values_for_a_grid_is_named_and_no_trial_is_left_running()
    {
        SearchSpace space = new SearchSpaceBuilder().Int("seed", int.MinValue, int.MaxValue).Build();
        var study = new Study(space, Metric.Minimize("y"), new GridSuggester());

        ArgumentException e = Assert.Throws<ArgumentException>(() => study.Ask());

        Assert.Contains("The parameter 'seed' has 4294967296 values, too many for a grid", e.Message);
        Assert.Null(e.ParamName);
        Assert.Empty(study.Trials);
    }

    [Fact]
    public void A_log_int_with_too_many_values_for_a_grid_is_not_told_to_take_a_step_it_cannot_combine_with_log()
    {
        SearchSpace space = new SearchSpaceBuilder().Int("seed", 1, int.MaxValue, log: true).Build();

        ArgumentException e = Assert.Throws<ArgumentException>(() => new GridSuggester().CountPoints(space));

        Assert.Contains("The parameter 'seed' has 2147483647 values, too many for a grid", e.Message, StringComparison.Ordinal);
        Assert.Contains("narrow its range", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("step", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_points_per_axis_than_a_parameter_may_take_are_refused_when_the_suggester_is_created()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new GridSuggester(int.MaxValue));
        SearchSpace space = new SearchSpaceBuilder().Int("seed", int.MinValue, int.MaxValue).Build();

        Assert.Equal("pointsPerAxis", e.ParamName);
        Assert.Equal(10_000_000, new GridSuggester(10_000_000).PointsPerAxis);
        Assert.Contains("too many for a grid", Assert.Throws<ArgumentException>(() => new GridSuggester().CountPoints(space)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Walks_every_grid_point_once_then_says_it_is_used_up()
    {
        SearchSpace space = new SearchSpaceBuilder().Float("x", 0, 1).Int("n", 1, 3).Categorical("c", "a", "b").Build();
        var suggester = new GridSuggester(pointsPerAxis: 4);
        Assert.Equal(4 * 3 * 2, suggester.CountPoints(space));
        var study = new Study(space, Metric.Minimize("y"), suggester);
        var seen = new HashSet<ParameterValues>();
        for (int i = 0; i < 24; i++)
        {
            Trial t = study.Ask();
            Assert.True(seen.Add(t.Parameters), $"repeated {t.Parameters}");
            study.Tell(t, i);
        }

        Assert.Equal([0.0, 1.0 / 3, 2.0 / 3, 1.0], seen.Select(v => v.GetDouble("x")).Distinct().Order());
        var e = Assert.Throws<SearchSpaceExhaustedException>(() => study.Ask());
        Assert.Contains("24 points is used up", e.Message);
        Assert.Equal(24, study.Trials.Count);
    }

    [Fact]
    public void Conditional_parameters_do_not_multiply_the_grid()
    {
        SearchSpace space = new SearchSpaceBuilder()
            .Categorical("opt", "adam", "sgd")
            .Float("momentum", 0, 0.9, step: 0.3, when: ("opt", "sgd"))
            .Build();
        var suggester = new GridSuggester();
        Assert.Equal(1 + 4, suggester.CountPoints(space));
        var study = new Study(space, Metric.Minimize("y"), suggester);
        IReadOnlyList<Trial> all = study.Ask(5);
        Assert.Single(all, t => t.GetString("opt") == "adam");
        Assert.Equal([0.0, 0.3, 0.6, 0.9], all.Where(t => t.IsActive("momentum")).Select(t => t.GetDouble("momentum")).Order());
    }

    [Fact]
    public void Skips_points_already_running_or_enqueued()
    {
        SearchSpace space = new SearchSpaceBuilder().Int("n", 1, 4).Build();
        var study = new Study(space, Metric.Minimize("y"), new GridSuggester());
        study.Enqueue(new Dictionary<string, object> { ["n"] = 2 });
        IReadOnlyList<Trial> batch = study.Ask(4);
        Assert.Equal([2, 1, 3, 4], batch.Select(t => t.GetInt("n")));
    }

    [Fact]
    public void Log_floats_are_spaced_evenly_in_log_space()
    {
        SearchSpace space = new SearchSpaceBuilder().Float("lr", 1e-4, 1, log: true).Build();
        var study = new Study(space, Metric.Minimize("y"), new GridSuggester(pointsPerAxis: 5));
        double[] values = [.. study.Ask(5).Select(t => t.GetDouble("lr"))];
        Assert.Equal([1e-4, 1e-3, 1e-2, 1e-1, 1], values, (a, b) => Math.Abs(Math.Log10(a) - Math.Log10(b)) < 1e-12);
    }

    [Fact]
    public void The_grid_is_every_canonical_combination_of_its_axes_in_order_and_counted_exactly()
    {
        // Reference: every combination of the values each parameter takes in the grid, in declaration order with the last
        // parameter fastest, keeping those whose inactive parameters sit at their first value (one point per branch).
        PropertyCheck.ForAll(
            PropertyCheck.Seeds,
            seed =>
            {
                SearchSpace space = RandomSpaces.Build(seed, maxParameters: 5);
                var suggester = new GridSuggester(pointsPerAxis: 3);
                long count = suggester.CountPoints(space);
                if (count > 2000 || space.Parameters.Any(p => p.Cardinality > 2000))
                {
                    return;
                }

                var study = new Study(space, Metric.Minimize("y"), suggester);
                IReadOnlyList<Trial> all = study.Ask((int)count);
                Assert.Throws<SearchSpaceExhaustedException>(() => study.Ask());
                Assert.All(all, t => SpaceAssert.Valid(space, t.Parameters));

                double[][] axes = [.. Enumerable.Range(0, space.Count).Select(i =>
                    all.Select(t => t.Parameters.Raw[i]).Where(v => !double.IsNaN(v)).Distinct().Order().DefaultIfEmpty(double.NaN).ToArray())];
                var expected = new List<ParameterValues>();
                var digits = new int[space.Count];
                while (true)
                {
                    var raw = new double[space.Count];
                    bool canonical = true;
                    foreach (int i in space.DecodeOrder)
                    {
                        bool active = space.IsActive(i, raw);
                        raw[i] = active ? axes[i][digits[i]] : double.NaN;
                        canonical &= active || digits[i] == 0;
                    }

                    if (canonical)
                    {
                        expected.Add(new ParameterValues(space, raw));
                    }

                    int d = space.Count - 1;
                    while (d >= 0 && ++digits[d] == axes[d].Length)
                    {
                        digits[d--] = 0;
                    }

                    if (d < 0)
                    {
                        break;
                    }
                }

                Assert.Equal(expected.Count, count);
                Assert.Equal(expected, all.Select(t => t.Parameters));
            },
            maxTest: 200);
    }

    [Fact]
    public void A_discrete_space_with_conditions_is_walked_once_per_assignment_of_its_active_parameters()
    {
        // Reference: every combination of every parameter's values, each reduced to the parameters its values make active
        // (through the public conditions alone), without repeats.
        Shape[] discrete = [Shape.Int, Shape.LogInt, Shape.SteppedInt, Shape.SteppedFloat, Shape.Categorical, Shape.Bool];
        PropertyCheck.ForAll(
            SpaceSpec.Arbitrary(maxParameters: 5, maxSize: 4, shapes: discrete),
            spec =>
            {
                SearchSpace space = spec.Build();
                object[][] values = [.. space.Parameters.Select(ValuesOf)];
                var expected = new HashSet<ParameterValues>();
                foreach (int[] digits in Combinations([.. values.Select(v => v.Length)]))
                {
                    var given = new Dictionary<string, object>();
                    for (int i = 0; i < space.Count; i++)
                    {
                        Parameter p = space.Parameters[i];
                        if (p.Condition is not Condition c || (given.TryGetValue(c.Parent, out object? parent) && c.Values.Contains(parent)))
                        {
                            given[p.Name] = values[i][digits[i]];
                        }
                    }

                    expected.Add(space.CreateValues(given));
                }

                var suggester = new GridSuggester();
                var study = new Study(space, Metric.Minimize("y"), suggester);
                ParameterValues[] walked = [.. study.Ask(expected.Count).Select(t => t.Parameters)];

                Assert.Equal(expected.Count, suggester.CountPoints(space));
                Assert.Equal(walked.Length, walked.Distinct().Count());
                Assert.True(expected.SetEquals(walked), $"the grid walked {walked.Length} points, {walked.Count(expected.Contains)} of the {expected.Count} expected");
                Assert.All(walked, v => SpaceAssert.Valid(space, v));
                Assert.Throws<SearchSpaceExhaustedException>(() => study.Ask());
            },
            maxTest: 150);

        static object[] ValuesOf(Parameter p) => p.Kind switch
        {
            ParameterKind.Int => [.. Enumerable.Range((int)p.Low, (int)(p.High - p.Low) + 1).Where(v => (v - (int)p.Low) % (int)p.Step!.Value == 0).Select(v => (object)v)],
            ParameterKind.Float => [.. Enumerable.Range(0, (int)p.Cardinality!.Value).Select(k => (object)(p.Low + (k * p.Step!.Value)))],
            _ when p.IsBoolean => [false, true],
            _ => [.. p.Choices],
        };

        static IEnumerable<int[]> Combinations(int[] sizes)
        {
            var digits = new int[sizes.Length];
            while (true)
            {
                yield return [.. digits];
                int d = sizes.Length - 1;
                while (d >= 0 && ++digits[d] == sizes[d])
                {
                    digits[d--] = 0;
                }

                if (d < 0)
                {
                    yield break;
                }
            }
        }
    }

    [Fact]
    public void Many_conditional_branches_cost_only_their_points()
    {
        // One model choice among 40, each with a float of its own: 40 · 3 points, though 40 parameters are declared.
        var builder = new SearchSpaceBuilder().Categorical("model", [.. Enumerable.Range(0, 40).Select(k => $"m{k}")]);
        for (int k = 0; k < 40; k++)
        {
            builder.Float($"x{k}", 0, 1, when: ("model", $"m{k}"));
        }

        SearchSpace space = builder.Build();
        var suggester = new GridSuggester(pointsPerAxis: 3);
        Assert.Equal(120, suggester.CountPoints(space));
        var study = new Study(space, Metric.Minimize("y"), suggester);
        Assert.Equal(120, study.Ask(120).Select(t => t.Parameters).Distinct().Count());
        Assert.Throws<SearchSpaceExhaustedException>(() => study.Ask());
    }

    [Fact]
    public void A_log_scaled_int_takes_every_value()
    {
        SearchSpace space = new SearchSpaceBuilder().Int("n", 1, 1000, log: true).Build();
        var suggester = new GridSuggester();
        Assert.Equal(1000, suggester.CountPoints(space));
        var study = new Study(space, Metric.Minimize("y"), suggester);
        Assert.Equal(Enumerable.Range(1, 1000), study.Ask(1000).Select(t => t.GetInt("n")));
    }

    [Fact]
    public void Needs_at_least_two_points_per_axis() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new GridSuggester(pointsPerAxis: 1));
}
