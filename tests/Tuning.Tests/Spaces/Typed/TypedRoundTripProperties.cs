using FsCheck;
using FsCheck.Fluent;

namespace Tuning.Tests.Spaces.Typed;

/// <summary>
/// From&lt;T&gt; then Bind&lt;T&gt; gives back the values, and enqueuing the bound instance gives back the assignment
/// for every kind of property and for conditionals, over points of the unit cube that shrink towards the origin.
/// </summary>
public sealed class TypedRoundTripProperties
{
    private const int Resolution = 1_000_000;

    [Fact]
    public void Every_kind_round_trips() => CheckRoundTrip<AllKinds>(ExpectAllKinds);

    [Fact]
    public void Conditionals_round_trip() => CheckRoundTrip<Conditional>(ExpectConditional);

    [Fact]
    public void Positional_records_round_trip() => CheckRoundTrip<Positional>(ExpectPositional);

    /// <summary>A point of the cube as integers, each coordinate shrinking to 0 and by halves.</summary>
    internal static Arbitrary<int[]> Points(int dimension) => Arb.From(
        Gen.Choose(0, Resolution).ArrayOf(dimension),
        point => Enumerable.Range(0, point.Length)
            .Where(i => point[i] != 0)
            .SelectMany(i => new[] { 0, point[i] / 2 }.Distinct().Select(v => With(point, i, v))));

    private static int[] With(int[] point, int index, int value)
    {
        int[] copy = [.. point];
        copy[index] = value;
        return copy;
    }

    private static void CheckRoundTrip<T>(Action<ParameterValues, T> expect)
    {
        SearchSpace space = SearchSpace.From<T>();
        Prop.ForAll(Points(space.Count), point =>
            {
                ParameterValues values = space.Decode([.. point.Select(k => k / (double)Resolution)]);

                T bound = values.Bind<T>();
                expect(values, bound);

                // Enqueuing the instance gives back the assignment; a float property holds the float nearest its
                // parameter's value, so that value comes back as the float, which the instance still matches.
                var study = new Study(space, Metric.Minimize("loss"));
                study.Enqueue(bound);
                ParameterValues again = study.Ask().Parameters;
                expect(again, bound);
                if (!space.Parameters.Any(p => typeof(T).GetProperty(p.Name)!.PropertyType == typeof(float)))
                {
                    Assert.Equal(values, again);
                }
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(200).WithReplay(20261204, 0x9E3779B97F4A7C15UL | 1));
    }

    private static void ExpectAllKinds(ParameterValues v, AllKinds p)
    {
        Assert.Equal(v.GetDouble("Plain"), p.Plain);
        Assert.Equal(v.GetDouble("LogScale"), p.LogScale);
        Assert.Equal(v.GetDouble("Stepped"), p.Stepped);
        Assert.Equal((float)v.GetDouble("Single"), p.Single);
        Assert.Equal(v.GetInt("Count"), p.Count);
        Assert.Equal(v.GetInt("Width"), p.Width);
        Assert.Equal(v.GetInt("Tens"), p.Tens);
        Assert.Equal(v.GetBool("Flag"), p.Flag);
        Assert.Equal(Enum.Parse<Booster>(v.GetString("Booster")), p.Booster);
        Assert.Equal(Enum.Parse<Booster>(v.GetString("Limited")), p.Limited);
        Assert.Equal(v.GetString("Optimizer"), p.Optimizer);
        Assert.Equal(int.Parse(v.GetString("Batch"), System.Globalization.CultureInfo.InvariantCulture), p.Batch);
        Assert.Equal(double.Parse(v.GetString("Momentum"), System.Globalization.CultureInfo.InvariantCulture), p.Momentum);
        Assert.Equal(float.Parse(v.GetString("Ratio"), System.Globalization.CultureInfo.InvariantCulture), p.Ratio);
        Assert.Equal(v.GetDouble("Optional"), p.Optional);
        Assert.Equal(v.GetBool("MaybeFlag"), p.MaybeFlag);
        Assert.Equal("kept", p.Label);
    }

    private static void ExpectConditional(ParameterValues v, Conditional p)
    {
        var defaults = new Conditional();
        Assert.Equal(Enum.Parse<Booster>(v.GetString("Booster")), p.Booster);
        Assert.Equal(v.IsActive("DropRate") ? v.GetDouble("DropRate") : defaults.DropRate, p.DropRate);
        Assert.Equal(p.Booster == Booster.Dart, v.IsActive("DropRate"));
        Assert.Equal(v.GetInt("Layers"), p.Layers);
        Assert.Equal(v.IsActive("Deep") ? v.GetInt("Deep") : defaults.Deep, p.Deep);
        Assert.Equal(p.Layers >= 3, v.IsActive("Deep"));
        Assert.Equal(v.GetBool("UseMomentum"), p.UseMomentum);
        Assert.Equal(v.IsActive("Momentum") ? v.GetDouble("Momentum") : defaults.Momentum, p.Momentum);
        Assert.Equal(v.IsActive("Nested") ? v.GetString("Nested") : defaults.Nested, p.Nested);
        Assert.Equal(p.UseMomentum, v.IsActive("Nested"));
        Assert.Equal(v.IsActive("Chained") ? int.Parse(v.GetString("Chained"), System.Globalization.CultureInfo.InvariantCulture) : defaults.Chained, p.Chained);
        Assert.Equal(p.UseMomentum && p.Nested is "b" or "c", v.IsActive("Chained"));
    }

    private static void ExpectPositional(ParameterValues v, Positional p)
    {
        Assert.Equal(v.GetDouble("Rate"), p.Rate);
        Assert.Equal(v.GetInt("Depth"), p.Depth);
        Assert.Equal(v.GetBool("Flag"), p.Flag);
        Assert.Equal(v.GetString("Kind"), p.Kind);
        Assert.Equal(v.IsActive("Extra") ? v.GetInt("Extra") : 99, p.Extra);
    }
}
