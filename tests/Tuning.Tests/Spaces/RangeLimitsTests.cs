using FsCheck;
using FsCheck.Fluent;
using Tuning.Tests.Support;

namespace Tuning.Tests.Spaces;

/// <summary>Ranges at the limits of int and double either work end to end or are refused when declared, naming the parameter.</summary>
public class RangeLimitsTests
{
    /// <summary>Every corner of a space works: the bounds decode, are accepted back, and a study asks, tells, exports and reopens.</summary>
    private static void AssertUsable(SearchSpace space)
    {
        Parameter p = space.Parameters[0];
        var unit = new double[space.Count];
        foreach (double u in (double[])[0, 0.5, 1])
        {
            Array.Fill(unit, u);
            ParameterValues values = space.Decode(unit);
            double raw = Convert.ToDouble(values[p.Name], System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(raw, p.Low, p.High);
            Assert.Equal(values, space.CreateValues(values.ToDictionary()));
        }

        var storage = new InMemoryStudyStorage();
        Study study = Study.Create(storage, "limits", space, [Metric.Minimize("y")], new RandomSuggester(seed: 4));
        foreach (Trial trial in study.Ask(8))
        {
            study.Tell(trial, 1.0);
        }

        Assert.NotNull(study.BestTrial);
        Assert.Equal(study.ToJson(), Study.FromJson(study.ToJson()).ToJson());
        Assert.Equal(8, Study.Open(storage, "limits", new RandomSuggester(seed: 4)).Trials.Count);
    }

    [Fact]
    public void A_stepped_int_near_the_limits_keeps_its_upper_bound_within_the_declared_one()
    {
        SearchSpace space = new SearchSpaceBuilder().Int("x", -2_000_000_000, 2_000_000_000, step: 7).Build();

        Assert.Equal(-2_000_000_000 + (571_428_571L * 7), (long)space["x"].High);
        Assert.True(space["x"].High <= 2_000_000_000);
        AssertUsable(space);
    }

    [Fact]
    public void A_stepped_int_up_to_int_max_has_an_upper_bound_above_its_lower_one()
    {
        SearchSpace space = new SearchSpaceBuilder().Int("x", -1000, int.MaxValue, step: 10).Build();

        Assert.Equal(2_147_483_640, space["x"].High);
        AssertUsable(space);
    }

    [Fact]
    public void A_stepped_int_over_the_whole_int_range_is_not_a_constant()
    {
        SearchSpace space = new SearchSpaceBuilder().Int("s", int.MinValue, int.MaxValue, step: 2).Build();

        Assert.Equal(int.MaxValue - 1, space["s"].High);
        Assert.Equal(1L << 31, space["s"].Cardinality);
        AssertUsable(space);
    }

    [Fact]
    public void Stepped_ints_anywhere_in_the_int_range_stay_on_their_grid_within_their_bounds()
    {
        Gen<(int Low, int High, int Step)> ranges =
            from a in Gen.Choose(int.MinValue, int.MaxValue)
            from b in Gen.Choose(int.MinValue, int.MaxValue)
            where a != b
            let low = Math.Min(a, b)
            let high = Math.Max(a, b)
            from step in Gen.Choose(1, (int)Math.Min(int.MaxValue, (long)high - low))
            select (low, high, step);
        PropertyCheck.ForAll(ranges, r =>
        {
            Parameter p = new SearchSpaceBuilder().Int("x", r.Low, r.High, step: r.Step).Build()["x"];
            long last = (long)p.High;
            Assert.InRange(last, r.Low, r.High);
            Assert.Equal(0, (last - r.Low) % r.Step);
            Assert.True(last + r.Step > r.High);
            Assert.Equal(((last - r.Low) / r.Step) + 1, p.Cardinality);
        });
    }

    [Fact]
    public void A_float_range_whose_width_overflows_is_refused_naming_the_parameter()
    {
        var e = Assert.Throws<ArgumentException>(() => new SearchSpaceBuilder().Float("x", -double.MaxValue, double.MaxValue));

        Assert.Contains("'x'", e.Message);
        Assert.Contains("width", e.Message);
    }

    [Fact]
    public void A_float_step_too_small_for_its_range_is_refused_naming_the_parameter()
    {
        var e = Assert.Throws<ArgumentException>(() => new SearchSpaceBuilder().Float("x", 0, 1, step: 1e-19));

        Assert.Contains("'x'", e.Message);
        Assert.Contains("step", e.Message);
    }

    [Fact]
    public void Wide_float_ranges_and_fine_steps_that_are_accepted_work_end_to_end()
    {
        AssertUsable(new SearchSpaceBuilder().Float("x", -1e307, 1e307).Build());
        AssertUsable(new SearchSpaceBuilder().Float("x", double.Epsilon, double.MaxValue, log: true).Build());
        AssertUsable(new SearchSpaceBuilder().Float("x", 0, 1, step: 1e-15).Build());
        AssertUsable(new SearchSpaceBuilder().Float("x", -1e300, 1e300, step: 1e290).Build());
    }

    [Fact]
    public void A_stepped_float_declared_again_with_its_lowered_bound_keeps_the_same_grid()
    {
        Gen<(double Low, double Width, double Step)> grids =
            from low in Gen.Choose(-1000, 1000).Select(i => i / 8.0)
            from width in Gen.Choose(1, 1_000_000).Select(i => i / 1000.0)
            from exponent in Gen.Choose(-15, 0)
            from mantissa in Gen.Choose(1, 9)
            where mantissa * Math.Pow(10, exponent) <= width && width / (mantissa * Math.Pow(10, exponent)) <= 1e15
            select (low, width, mantissa * Math.Pow(10, exponent));
        PropertyCheck.ForAll(grids, g =>
        {
            Parameter first = new SearchSpaceBuilder().Float("x", g.Low, g.Low + g.Width, step: g.Step).Build()["x"];
            Parameter again = new SearchSpaceBuilder().Float("x", first.Low, first.High, step: g.Step).Build()["x"];
            Assert.InRange(first.High, g.Low, g.Low + g.Width);
            Assert.Equal(first.High, again.High);
            Assert.Equal(first.Cardinality, again.Cardinality);
        });
    }

    /// <summary>A stepped float near zero whose step lies beyond what a decimal holds (about 7.9e28).</summary>
    private sealed record HugeStep(int Low, int Exponent, int Mantissa, int Cells)
    {
        public double Step => Mantissa * Math.Pow(10, Exponent);

        public static Arbitrary<HugeStep> Arbitrary() => Arb.From(
            from low in Gen.Choose(-1000, 1000)
            from exponent in Gen.Choose(27, 300)
            from mantissa in Gen.Choose(1, 9)
            from cells in Gen.Choose(1, 50)
            select new HugeStep(low, exponent, mantissa, cells),
            h => Shrink.Toward(h.Low, 0).Select(l => h with { Low = l })
                .Concat(Shrink.Toward(h.Exponent, 27).Select(e => h with { Exponent = e }))
                .Concat(Shrink.Toward(h.Mantissa, 1).Select(m => h with { Mantissa = m }))
                .Concat(Shrink.Toward(h.Cells, 1).Select(c => h with { Cells = c })));
    }

    [Fact]
    public void A_stepped_float_whose_step_is_beyond_a_decimal_decodes_every_grid_value()
    {
        PropertyCheck.ForAll(HugeStep.Arbitrary(), h =>
        {
            SearchSpace space = new SearchSpaceBuilder().Float("x", h.Low, h.Low + (h.Cells * h.Step), step: h.Step).Build();
            Parameter p = space["x"];
            long cells = p.Cardinality!.Value;
            for (long k = 0; k < cells; k++)
            {
                ParameterValues values = space.Decode([(k + 0.5) / cells]);
                Assert.InRange(values.GetDouble("x"), p.Low, p.High);
                Assert.Equal(values, space.CreateValues(values.ToDictionary()));
            }
        });
        AssertUsable(new SearchSpaceBuilder().Float("x", 0, 1e300, step: 1e299).Build());
    }

    [Fact]
    public void A_float_step_that_leaves_only_the_lower_bound_on_the_grid_is_refused_naming_the_parameter()
    {
        // high − low rounds to the step in double, but low + step lies above high: the grid would be low alone.
        var e = Assert.Throws<ArgumentException>(() => new SearchSpaceBuilder().Float("x", -1, -5e-248, step: 1));

        Assert.Contains("'x'", e.Message);
        Assert.Equal("step", e.ParamName);
    }

    /// <summary>A stepped float from −cells·step to just below zero: its range rounds to a whole number of steps.</summary>
    private sealed record JustShort(int Cells, int Mantissa, int StepExponent, int GapExponent)
    {
        public double Step => Mantissa * Math.Pow(10, -StepExponent);

        public static Arbitrary<JustShort> Arbitrary() => Arb.From(
            from cells in Gen.Choose(1, 20)
            from mantissa in Gen.Choose(1, 9)
            from stepExponent in Gen.Choose(0, 6)
            from gapExponent in Gen.Choose(20, 300)
            select new JustShort(cells, mantissa, stepExponent, gapExponent),
            j => Shrink.Toward(j.Cells, 1).Select(c => j with { Cells = c })
                .Concat(Shrink.Toward(j.Mantissa, 1).Select(m => j with { Mantissa = m }))
                .Concat(Shrink.Toward(j.StepExponent, 0).Select(x => j with { StepExponent = x }))
                .Concat(Shrink.Toward(j.GapExponent, 20).Select(g => j with { GapExponent = g })));
    }

    [Fact]
    public void A_stepped_float_the_builder_accepts_has_two_grid_values_and_its_study_imports_again()
    {
        PropertyCheck.ForAll(JustShort.Arbitrary(), j =>
        {
            double low = ParameterCodec.GridValue(0, -j.Cells, j.Step);
            double high = -Math.Pow(10, -j.GapExponent);
            SearchSpace space;
            try
            {
                space = new SearchSpaceBuilder().Float("x", low, high, step: j.Step).Build();
            }
            catch (ArgumentException e)
            {
                Assert.Equal("step", e.ParamName);
                return;
            }

            Assert.True(space["x"].High > space["x"].Low);
            Assert.True(space["x"].Cardinality >= 2);
            var study = new Study(space, Metric.Minimize("y"), new RandomSuggester(seed: 1));
            study.Tell(study.Ask(), 1.0);
            Assert.Equal(study.ToJson(), Study.FromJson(study.ToJson()).ToJson());
        });
    }

    /// <summary>A stepped float on an exact decimal grid, <c>Mantissa·10^Exponent + k·(Digits·10^-Places)</c>, over Cells steps.</summary>
    private sealed record DecimalGrid(int Mantissa, int Exponent, int Digits, int Places, int Cells)
    {
        public double Low => Mantissa * Math.Pow(10, Exponent);

        public double Step => Digits / Math.Pow(10, Places);

        public static Arbitrary<DecimalGrid> Arbitrary() => Arb.From(
            from mantissa in Gen.Choose(-999, 999)
            from exponent in Gen.Choose(0, 13)
            from digits in Gen.Choose(1, 999)
            from places in Gen.Choose(0, 8)
            from cells in Gen.Choose(1, 40)
            select new DecimalGrid(mantissa, exponent, digits, places, cells),
            g => Shrink.Toward(g.Mantissa, 1).Select(m => g with { Mantissa = m })
                .Concat(Shrink.Toward(g.Exponent, 0).Select(e => g with { Exponent = e }))
                .Concat(Shrink.Toward(g.Digits, 1).Select(d => g with { Digits = d }))
                .Concat(Shrink.Toward(g.Places, 0).Select(p => g with { Places = p }))
                .Concat(Shrink.Toward(g.Cells, 1).Select(c => g with { Cells = c })));
    }

    [Fact]
    public void Every_value_of_a_decimal_grid_is_the_double_nearest_it_and_reads_back()
    {
        PropertyCheck.ForAll(DecimalGrid.Arbitrary(), g =>
        {
            double largest = Math.Max(Math.Abs(g.Low), Math.Abs(g.Low + (g.Cells * g.Step)));
            if (g.Step < 4 * (Math.BitIncrement(largest) - largest))
            {
                return; // finer than the doubles there: a step refused on its own grounds
            }

            SearchSpace space;
            try
            {
                space = new SearchSpaceBuilder().Float("x", g.Low, g.Low + (g.Cells * g.Step), step: g.Step).Build();
            }
            catch (ArgumentException e) when (e.ParamName is "step" or "low")
            {
                return; // a step the doubles near the bounds cannot hold, or a range that rounds to nothing
            }

            long cells = space["x"].Cardinality!.Value;
            for (long k = 0; k < cells; k++)
            {
                ParameterValues values = space.Decode([(k + 0.5) / cells]);
                decimal exact = (decimal)g.Low + (k * (decimal)g.Step);
                Assert.Equal(double.Parse(exact.ToString(System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture), values.GetDouble("x"));
                Assert.Equal(values, space.CreateValues(values.ToDictionary()));
            }
        }, maxTest: 300);
    }

    /// <summary>
    /// A stepped float whose step is a few times the spacing of doubles at its lower bound <c>±Mantissa·10^Exponent</c>
    /// (Quarters/4 of that spacing), over Cells steps.
    /// </summary>
    private sealed record FineStep(bool Negative, int Mantissa, int Exponent, int Quarters, int Cells)
    {
        public double Low => (Negative ? -1 : 1) * Mantissa * Math.Pow(10, Exponent);

        public double Step => (Math.BitIncrement(Math.Abs(Low)) - Math.Abs(Low)) * Quarters / 4;

        public static Arbitrary<FineStep> Arbitrary() => Arb.From(
            from negative in Gen.Elements(false, true)
            from mantissa in Gen.Choose(1, 999)
            from exponent in Gen.Choose(-20, 20)
            from quarters in Gen.Choose(1, 48)
            from cells in Gen.Choose(1, 300)
            select new FineStep(negative, mantissa, exponent, quarters, cells),
            f => (f.Negative ? [f with { Negative = false }] : Array.Empty<FineStep>())
                .Concat(Shrink.Toward(f.Mantissa, 1).Select(m => f with { Mantissa = m }))
                .Concat(Shrink.Toward(f.Exponent, 0).Select(e => f with { Exponent = e }))
                .Concat(Shrink.Toward(f.Quarters, 1).Select(q => f with { Quarters = q }))
                .Concat(Shrink.Toward(f.Cells, 1).Select(c => f with { Cells = c })));
    }

    [Fact]
    public void A_step_the_builder_accepts_gives_grid_values_that_doubles_tell_apart_and_the_space_accepts_back()
    {
        PropertyCheck.ForAll(FineStep.Arbitrary(), f =>
        {
            SearchSpace space;
            try
            {
                space = new SearchSpaceBuilder().Float("x", f.Low, f.Low + (f.Cells * f.Step), step: f.Step).Build();
            }
            catch (ArgumentException e)
            {
                // A step so fine that low + cells·step rounds back to low leaves no range at all.
                Assert.Contains(e.ParamName, (string[])["step", "low"]);
                Assert.Contains("'x'", e.Message);
                return;
            }

            long cells = space["x"].Cardinality!.Value;
            for (long k = 0; k < cells; k++)
            {
                double u = (k + 0.5) / cells;
                ParameterValues values = space.Decode([u]);
                Assert.Equal(u, space.Encode(values)[0]);
                Assert.Equal(values, space.CreateValues(values.ToDictionary()));
            }
        }, maxTest: 300);
    }

    [Fact]
    public void A_step_finer_than_doubles_near_the_bounds_is_refused_naming_the_parameter()
    {
        // Doubles near 1e10 lie 1.9e-6 apart: most values 1e10 + k·1e-6 would not exist.
        var e = Assert.Throws<ArgumentException>(() => new SearchSpaceBuilder().Float("x", 1e10, 1e10 + 1, step: 1e-6));

        Assert.Equal("step", e.ParamName);
        Assert.Contains("'x'", e.Message);
    }

    /// <summary>
    /// A stepped float from any double <c>±(High·2^26 + Low26)·2^Exponent</c>, of up to 17 significant digits, in steps of a
    /// round decimal at least eight spacings of the doubles there (Digits times a power of ten), over Cells steps.
    /// </summary>
    private sealed record AnyLow(bool Negative, int High, int Low26, int Exponent, int Digits, int Cells)
    {
        public double Low => (Negative ? -1 : 1) * ((High * 67_108_864.0) + Low26) * Math.Pow(2, Exponent);

        public double Step => double.Parse(
            $"{Digits}e{Math.Ceiling(Math.Log10(8 * (Math.BitIncrement(Math.Abs(Low)) - Math.Abs(Low))))}", System.Globalization.CultureInfo.InvariantCulture);

        public static Arbitrary<AnyLow> Arbitrary() => Arb.From(
            from negative in Gen.Elements(false, true)
            from high in Gen.Choose(1 << 26, (1 << 27) - 1)
            from low26 in Gen.Choose(0, (1 << 26) - 1)
            from exponent in Gen.Choose(-80, 40)
            from digits in Gen.Choose(1, 9)
            from cells in Gen.Choose(1, 30)
            select new AnyLow(negative, high, low26, exponent, digits, cells),
            a => (a.Negative ? [a with { Negative = false }] : Array.Empty<AnyLow>())
                .Concat(Shrink.Toward(a.High, 1 << 26).Select(h => a with { High = h }))
                .Concat(Shrink.Toward(a.Low26, 0).Select(l => a with { Low26 = l }))
                .Concat(Shrink.Toward(a.Exponent, 0).Select(e => a with { Exponent = e }))
                .Concat(Shrink.Toward(a.Digits, 1).Select(d => a with { Digits = d }))
                .Concat(Shrink.Toward(a.Cells, 1).Select(c => a with { Cells = c })));
    }

    [Fact]
    public void Every_grid_value_of_a_stepped_float_from_any_lower_bound_reads_back()
    {
        PropertyCheck.ForAll(AnyLow.Arbitrary(), a =>
        {
            SearchSpace space = new SearchSpaceBuilder().Float("x", a.Low, a.Low + ((a.Cells + 0.5) * a.Step), step: a.Step).Build();
            long cells = space["x"].Cardinality!.Value;
            for (long k = 0; k < cells; k++)
            {
                double u = (k + 0.5) / cells;
                ParameterValues values = space.Decode([u]);
                Assert.Equal(u, space.Encode(values)[0]);
                Assert.Equal(values, space.CreateValues(values.ToDictionary()));
            }
        }, maxTest: 500);
    }

    [Theory]
    [InlineData(4.6585353862766805E+19, 40000)]
    [InlineData(-5.3854526492699296E+19, 40000)]
    [InlineData(4.9529759580981805E+19, 50000)]
    public void A_lower_bound_of_17_digits_that_a_decimal_cannot_hold_is_the_first_grid_value(double low, double step)
    {
        // A decimal keeps 15 digits of these bounds, and converted back it came out as the bound itself, an ulp away from
        // the double nearest it: the grid was taken to start at a decimal that is not the bound.
        SearchSpace space = new SearchSpaceBuilder().Float("x", low, low + (18.5 * step), step: step).Build();

        ParameterValues first = space.Decode([0.0]);

        Assert.Equal(low, first.GetDouble("x"));
        Assert.Equal(first, space.CreateValues(new Dictionary<string, object> { ["x"] = low }));
    }
}
