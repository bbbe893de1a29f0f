using FsCheck;
using FsCheck.Fluent;
using Tuning.Tests.Support;

namespace Tuning.Tests.Spaces;

public class FidelityDeclarationTests
{
    [Theory]
    [InlineData(0.0, "cost 0")]
    [InlineData(-0.5, "cost -0.5")]
    [InlineData(1.5, "cost 1.5")]
    [InlineData(double.NaN, "cost NaN")]
    public void A_task_cost_outside_zero_to_one_is_named(double cost, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => new SearchSpaceBuilder().Float("x", 0, 1).Tasks("data", ("small", cost), ("full", 1.0)));
        Assert.Contains("'small'", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Contains("(0, 1]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tasks_need_exactly_one_target_of_cost_one()
    {
        var none = Assert.Throws<ArgumentException>(() => new SearchSpaceBuilder().Float("x", 0, 1).Tasks("data", ("small", 0.1), ("big", 0.9)));
        Assert.Contains("no task of cost 1", none.Message, StringComparison.Ordinal);
        var two = Assert.Throws<ArgumentException>(() => new SearchSpaceBuilder().Float("x", 0, 1).Tasks("data", ("a", 1.0), ("b", 0.5), ("c", 1.0)));
        Assert.Contains("2 tasks of cost 1 (a, c)", two.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tasks_need_two_distinct_names()
    {
        Assert.Contains("at least two", Assert.Throws<ArgumentException>(() => new SearchSpaceBuilder().Tasks("data", ("full", 1.0))).Message, StringComparison.Ordinal);
        Assert.Contains("'a' twice", Assert.Throws<ArgumentException>(() => new SearchSpaceBuilder().Tasks("data", ("a", 0.5), ("a", 1.0))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reversed_or_empty_range_is_named()
    {
        var reversed = Assert.Throws<ArgumentException>(() => new SearchSpaceBuilder().IntFidelity("epochs", 100, 1));
        Assert.Contains("'epochs'", reversed.Message, StringComparison.Ordinal);
        Assert.Contains("reversed", reversed.Message, StringComparison.Ordinal);
        Assert.Contains("reversed", Assert.Throws<ArgumentException>(() => new SearchSpaceBuilder().FloatFidelity("fraction", 0.5, 0.5)).Message, StringComparison.Ordinal);
        Assert.Contains("not finite", Assert.Throws<ArgumentException>(() => new SearchSpaceBuilder().FloatFidelity("f", 0.1, double.PositiveInfinity)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Costs_must_be_positive_everywhere()
    {
        Assert.Contains("cost nothing", Assert.Throws<ArgumentException>(() => new SearchSpaceBuilder().FloatFidelity("fraction", 0, 1)).Message, StringComparison.Ordinal);
        Assert.Contains("fixed cost -1", Assert.Throws<ArgumentException>(() => new SearchSpaceBuilder().FloatFidelity("s", 2, 3, fixedCost: -1)).Message, StringComparison.Ordinal);
        Assert.Contains("log-scaled", Assert.Throws<ArgumentException>(() => new SearchSpaceBuilder().IntFidelity("epochs", 0, 9, fixedCost: 1, log: true)).Message, StringComparison.Ordinal);

        // A fixed cost makes a fidelity of 0 affordable, as in BoTorch's cost = 5 + s.
        Fidelity f = new SearchSpaceBuilder().Float("x", 0, 1).FloatFidelity("s", 0, 1, fixedCost: 5).Build().Fidelity!;
        Assert.Equal(5.0 / 6, f.CostAt(0), 12);
        Assert.Equal(1, f.CostAt(1));
    }

    [Fact]
    public void A_range_whose_cost_or_width_does_not_fit_a_double_is_named()
    {
        // (1e-300 + 0) / (1e-300 + 1e300) underflows to 0: the lower bound would cost nothing.
        var underflow = Assert.Throws<ArgumentException>(() => new SearchSpaceBuilder().FloatFidelity("fraction", 1e-300, 1e300, log: true));
        Assert.Contains("'fraction'", underflow.Message, StringComparison.Ordinal);
        Assert.Contains("cost nothing", Assert.Throws<ArgumentException>(() => new SearchSpaceBuilder().FloatFidelity("s", 0, 1e300, fixedCost: 1e-300)).Message, StringComparison.Ordinal);
        Assert.Contains("cost nothing", Assert.Throws<ArgumentException>(() => new SearchSpaceBuilder().IntFidelity("epochs", 0, int.MaxValue, fixedCost: 1e-320)).Message, StringComparison.Ordinal);
        Assert.Contains("overflows", Assert.Throws<ArgumentException>(() => new SearchSpaceBuilder().FloatFidelity("s", -1e308, 1e308, fixedCost: 1.5e308)).Message, StringComparison.Ordinal);
        Assert.Contains("overflows", Assert.Throws<ArgumentException>(() => new SearchSpaceBuilder().FloatFidelity("s", 1e-10, 1e300, fixedCost: double.MaxValue)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_accepted_range_has_costs_in_zero_to_one_and_coordinates_in_the_unit_interval()
    {
        // Bounds and fixed costs from 1e-320 to 1e308 (exponents, shrinking toward 10^0), linear or log, float or int.
        Arbitrary<(int Low, int Width, int Fixed, bool Log, bool Int)> cases = Arb.From(
            from low in Gen.Choose(-320, 308)
            from width in Gen.Choose(1, 628)
            from fixedCost in Gen.Choose(-321, 308)
            from log in Gen.Elements(false, true)
            from integer in Gen.Elements(false, true)
            select (Low: low, Width: width, Fixed: fixedCost, Log: log, Int: integer),
            c => Shrink.Toward(c.Low, 0).Select(v => c with { Low = v })
                .Concat(Shrink.Toward(c.Width, 1).Select(v => c with { Width = v }))
                .Concat(Shrink.Toward(c.Fixed, -321).Select(v => c with { Fixed = v })));
        PropertyCheck.ForAll(
            cases,
            c =>
            {
                double low = Math.Pow(10, c.Low), high = Math.Pow(10, Math.Min(c.Low + c.Width, 308));
                double fixedCost = c.Fixed < -320 ? 0 : Math.Pow(10, c.Fixed);
                Fidelity f;
                try
                {
                    var builder = new SearchSpaceBuilder().Float("x", 0, 1);
                    f = (c.Int
                        ? builder.IntFidelity("f", (int)Math.Min(low, int.MaxValue - 1), (int)Math.Min(high, int.MaxValue), fixedCost, c.Log)
                        : builder.FloatFidelity("f", low, high, fixedCost, c.Log)).Build().Fidelity!;
                }
                catch (ArgumentException e)
                {
                    Assert.Contains("'f'", e.Message, StringComparison.Ordinal);
                    return;
                }

                Assert.InRange(f.CostAt(f.Low), double.Epsilon, 1);
                Assert.Equal(1, f.CostAt(f.High));
                Assert.InRange(f.Unit(f.Low), 0, 1);
                Assert.InRange(f.Unit((f.Low / 2) + (f.High / 2)), 0, 1);
                Assert.Equal(1, f.Unit(f.High));
            },
            maxTest: 300);
    }

    [Fact]
    public void A_space_has_one_fidelity_whose_name_is_its_own()
    {
        Assert.Contains("at most one fidelity", Assert.Throws<ArgumentException>(() => new SearchSpaceBuilder().IntFidelity("epochs", 1, 9).FloatFidelity("fraction", 0.1, 1)).Message, StringComparison.Ordinal);
        Assert.Contains("already declared", Assert.Throws<ArgumentException>(() => new SearchSpaceBuilder().Float("epochs", 0, 1).IntFidelity("epochs", 1, 9)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new SearchSpaceBuilder().IntFidelity("epochs", 1, 9).Int("n", 1, 3, when: ("epochs", 3)).Build());
    }

    [Fact]
    public void A_failed_declaration_leaves_the_builder_usable()
    {
        var builder = new SearchSpaceBuilder().Float("x", 0, 1);
        Assert.Throws<ArgumentException>(() => builder.IntFidelity("epochs", 9, 1));
        SearchSpace space = builder.IntFidelity("epochs", 1, 9).Build();
        Assert.Equal("epochs", space.Fidelity!.Name);
    }

    [Fact]
    public void Costs_are_affine_in_a_range_and_listed_for_tasks()
    {
        Fidelity epochs = new SearchSpaceBuilder().Float("x", 0, 1).IntFidelity("epochs", 1, 100).Build().Fidelity!;
        Assert.Equal(0.27, epochs.CostAt(27), 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => epochs.CostAt(101));
        Assert.Throws<InvalidOperationException>(() => epochs.CostOf("full"));

        Fidelity tasks = new SearchSpaceBuilder().Float("x", 0, 1).Tasks("data", ("10%", 0.1), ("full", 1.0), ("50%", 0.5)).Build().Fidelity!;
        Assert.Equal(0.5, tasks.CostOf("50%"));
        Assert.Equal("full", tasks.TargetTask!.Name);
        Assert.Throws<ArgumentException>(() => tasks.CostOf("20%"));
    }

    [Fact]
    public void Values_default_to_the_target_and_carry_their_fidelity()
    {
        SearchSpace space = new SearchSpaceBuilder().Float("x", 0, 1).IntFidelity("epochs", 1, 100).Build();
        ParameterValues target = space.Decode([0.25]);
        Assert.Equal(100, target.Fidelity);
        Assert.True(target.IsAtTargetFidelity);
        Assert.Null(target.Task);

        ParameterValues cheap = target.WithFidelity(10);
        Assert.Equal(10, cheap.Fidelity);
        Assert.Equal(0.1, cheap.FidelityCost, 12);
        Assert.False(cheap.IsAtTargetFidelity);
        Assert.NotEqual(target, cheap);
        Assert.Equal(cheap, space.CreateValues(cheap.ToDictionary()));
        Assert.Equal(10, cheap.ToDictionary()["epochs"]);
        Assert.Throws<ArgumentException>(() => target.WithFidelity(10.5));
        Assert.Throws<ArgumentException>(() => target.WithFidelity(0));
        Assert.Throws<InvalidOperationException>(() => target.WithTask("full"));
        Assert.Throws<ArgumentException>(() => space.CreateValues(new Dictionary<string, object> { ["x"] = 0.5, ["epochs"] = 200 }));

        SearchSpace plain = new SearchSpaceBuilder().Float("x", 0, 1).Build();
        ParameterValues none = plain.Decode([0.5]);
        Assert.Null(none.Fidelity);
        Assert.Equal(1, none.FidelityCost);
        Assert.True(none.IsAtTargetFidelity);
        Assert.Throws<InvalidOperationException>(() => none.WithFidelity(1));
    }

    [Fact]
    public void Task_values_name_their_task()
    {
        SearchSpace space = new SearchSpaceBuilder().Float("x", 0, 1).Tasks("data", ("10%", 0.1), ("full", 1.0)).Build();
        ParameterValues values = space.Decode([0.5]).WithTask("10%");
        Assert.Equal("10%", values.Task);
        Assert.Null(values.Fidelity);
        Assert.Equal(0.1, values.FidelityCost);
        Assert.Equal("full", space.Decode([0.5]).Task);
        Assert.Contains("data=10%", values.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_fidelity_level_prints_its_task_or_its_value()
    {
        Assert.Equal("task 1", FidelityLevel.OfTask(1).ToString());
        Assert.Equal("27", FidelityLevel.Range(27).ToString());
        Assert.Equal("0.1", FidelityLevel.Range(0.1).ToString());
    }
}
