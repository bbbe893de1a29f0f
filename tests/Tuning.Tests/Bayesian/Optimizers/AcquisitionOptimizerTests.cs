using FsCheck.Fluent;
using FsCheck;
using Tuning.Bayesian.Acquisitions;
using Tuning.Bayesian.Models;
using Tuning.Bayesian.Optimizers;
using Tuning.Tests.Support;

namespace Tuning.Tests.Bayesian.Optimizers;

/// <summary>
/// The acquisition optimizer over mixed spaces: it evaluates and suggests canonical points only (integers, steps,
/// categoricals, inactive parameters as NaN), never a point already taken, and finds the maximum of a known acquisition.
/// </summary>
public class AcquisitionOptimizerTests
{
    /// <summary>A space, the unit point whose canonical form the bowl is centred on, and points taken before.</summary>
    internal sealed record Case(SpaceSpec Space, double[] Centre, double[][] Taken, int Seed)
    {
        public override string ToString() =>
            $"{Space}; centre ({string.Join(", ", Centre)}); taken {Taken.Length}; seed {Seed}";
    }

    private static Arbitrary<Case> Cases(int maxParameters, int maxSize, bool conditions = true, Shape[]? shapes = null) => Arb.From(
        from space in SpaceSpec.Generate(maxParameters, maxSize, conditions, shapes ?? SpaceSpec.AllShapes)
        from centre in ModelSpecs.Unit.ArrayOf(space.Parameters.Length)
        from taken in Gen.Choose(0, 6).SelectMany(k => ModelSpecs.Unit.ArrayOf(space.Parameters.Length).ArrayOf(k))
        from seed in Gen.Choose(0, 1000)
        select new Case(space, centre, taken, seed),
        c => SpaceSpec.Shrink(c.Space, SpaceSpec.Plainest(shapes ?? SpaceSpec.AllShapes)).Select(s => new Case(s, c.Centre[..s.Parameters.Length], [.. c.Taken.Select(t => t[..s.Parameters.Length])], c.Seed))
            .Concat(Shrink.Array(c.Taken, Shrink.None).Select(t => c with { Taken = t }))
            .Concat(ModelSpecs.ShrinkPoint(c.Centre).Select(p => c with { Centre = p })));

    private static double[] Canonical(SearchSpace space, ReadOnlySpan<double> unit)
    {
        double[] canonical = new double[space.Count];
        space.Canonicalize(unit, new double[space.Count], canonical);
        return canonical;
    }

    private static double[] Features(FeatureMap map, double[] canonical)
    {
        double[] features = new double[map.Columns];
        map.Map(canonical, features);
        return features;
    }

    /// <summary>
    /// The canonical point whose features these are, if they are the features of one: each numeric column read as a
    /// unit coordinate and each one-hot block as its choice, then canonicalized and mapped back.
    /// </summary>
    private static bool IsCanonical(FeatureMap map, double[] features)
    {
        SearchSpace space = map.Space;
        double[] unit = new double[space.Count];
        for (int p = 0; p < space.Count; p++)
        {
            int c = map.ColumnOf(p);
            if (space.Parameters[p].Kind == ParameterKind.Categorical)
            {
                int k = space.Parameters[p].Choices.Count;
                int hot = Enumerable.Range(0, k).FirstOrDefault(j => features[c + j] != 0, -1);
                unit[p] = hot < 0 ? double.NaN : (hot + 0.5) / k;
            }
            else
            {
                unit[p] = features[c];
            }
        }

        return Features(map, Canonical(space, unit)).AsSpan().SequenceEqual(features);
    }

    [Fact]
    public void Every_point_evaluated_and_suggested_is_canonical_and_the_value_is_what_was_evaluated()
    {
        PropertyCheck.ForAll(Cases(5, 40), c =>
        {
            SearchSpace space = c.Space.Build();
            var map = new FeatureMap(space);
            var acquisition = new Recording(new Bowl(Features(map, Canonical(space, c.Centre))), map.Columns);
            var optimizer = new AcquisitionOptimizer(map, candidates: 64, starts: 3);
            double[][] anchors = [.. c.Taken.Take(2).Select(t => Canonical(space, t))];
            var taken = new HashSet<double[]>(c.Taken.Select(t => Canonical(space, t)), PointComparer.Instance);
            List<(double[] Point, double Value)> optima = optimizer.LocalOptima(acquisition, new Random(c.Seed), anchors, taken);

            if (optima.Count == 0)
            {
                // Nothing left: only possible in a small discrete space whose every point was taken.
                Assert.All(space.Parameters, p => Assert.True(p.IsDiscrete));
                Assert.Subset(taken, AllCanonicalPoints(space));
            }

            Assert.All(acquisition.Evaluated, f => Assert.True(IsCanonical(map, f), $"evaluated non-canonical features ({string.Join(", ", f)})"));
            foreach ((double[] point, double value) in optima)
            {
                Assert.Equal(point, Canonical(space, point), PointComparer.Instance);
                Assert.DoesNotContain(point, taken);
                SpaceAssert.Valid(space, space.Decode(point));
                Assert.Equal(acquisition.Inner.Value(Features(map, point), default), value);
            }

            Assert.Equal(optima.Count, optima.Select(o => o.Point).Distinct(PointComparer.Instance).Count());
            Assert.Equal(optima.OrderByDescending(o => o.Value).Select(o => o.Value), optima.Select(o => o.Value));
        }, maxTest: 60);
    }

    [Fact]
    public void Successive_suggestions_never_repeat_a_taken_point_until_a_small_space_runs_out()
    {
        PropertyCheck.ForAll(Cases(3, 4, shapes: [Shape.Int, Shape.SteppedInt, Shape.SteppedFloat, Shape.Categorical, Shape.Bool, Shape.LogInt]), c =>
        {
            SearchSpace space = c.Space.Build();
            var map = new FeatureMap(space);
            HashSet<double[]> all = AllCanonicalPoints(space);
            var optimizer = new AcquisitionOptimizer(map, candidates: 32, starts: 2);
            var bowl = new Bowl(Features(map, Canonical(space, c.Centre)));
            var taken = new HashSet<double[]>(c.Taken.Select(t => Canonical(space, t)), PointComparer.Instance);
            int before = taken.Count;
            for (int i = 0; i <= all.Count; i++)
            {
                if (optimizer.Maximize(bowl, new Random(c.Seed + i), [], taken) is not double[] point)
                {
                    break;
                }

                Assert.Contains(point, all);
                Assert.True(taken.Add(point), $"suggested the taken point ({string.Join(", ", point)})");
            }

            Assert.Equal(all.Count, taken.Count);
            Assert.True(taken.Count >= before);
            Assert.Null(optimizer.Maximize(bowl, new Random(c.Seed), [], taken));
        }, maxTest: 40);
    }

    [Fact]
    public void The_maximum_of_a_bowl_is_found_on_spaces_of_small_discrete_and_continuous_parameters()
    {
        Shape[] shapes = [Shape.Float, Shape.LogFloat, Shape.SteppedFloat, Shape.Int, Shape.SteppedInt, Shape.Categorical, Shape.Bool];
        PropertyCheck.ForAll(Cases(5, 16, conditions: false, shapes), c =>
        {
            SearchSpace space = c.Space.Build();
            var map = new FeatureMap(space);
            double[] centre = Canonical(space, c.Centre);
            var optimizer = new AcquisitionOptimizer(map, candidates: 64, starts: 3);
            double[] found = optimizer.Maximize(new Bowl(Features(map, centre)), new Random(c.Seed), [], new HashSet<double[]>(PointComparer.Instance))!;
            for (int p = 0; p < space.Count; p++)
            {
                Assert.Equal(centre[p], found[p], space.Parameters[p].IsDiscrete ? 0 : 1e-4);
            }
        }, maxTest: 60);
    }

    [Fact]
    public void Within_a_trust_region_continuous_parameters_stay_in_the_box_and_the_maximum_is_the_bowl_centre_clipped_to_it()
    {
        Shape[] shapes = [Shape.Float, Shape.LogFloat, Shape.Categorical];
        PropertyCheck.ForAll(Cases(4, 5, conditions: false, shapes), c =>
        {
            SearchSpace space = c.Space.Build();
            var map = new FeatureMap(space);
            double[] centre = Canonical(space, c.Centre);
            double[] boxCentre = Canonical(space, c.Taken.Length > 0 ? c.Taken[0] : [.. c.Centre.Select(u => 1 - u)]);
            double[] lengthscales = [.. Enumerable.Range(0, space.Count).Select(p => 0.1 + (0.4 * ((p + c.Seed) % 3)))];
            SearchBox box = SearchBox.TrustRegion(space, boxCentre, lengthscales, halfWidth: 0.2);
            var optimizer = new AcquisitionOptimizer(map, candidates: 64, starts: 3);
            double[] found = optimizer.Maximize(new Bowl(Features(map, centre)), new Random(c.Seed), [], new HashSet<double[]>(PointComparer.Instance), box)!;
            for (int p = 0; p < space.Count; p++)
            {
                if (space.Parameters[p].Kind == ParameterKind.Categorical)
                {
                    Assert.Equal((0.0, 1.0), (box.Low[p], box.High[p]));
                    Assert.Equal(centre[p], found[p]);
                    continue;
                }

                Assert.InRange(boxCentre[p], box.Low[p], box.High[p]);
                Assert.InRange(found[p], box.Low[p], box.High[p]);
                Assert.Equal(Math.Clamp(centre[p], box.Low[p], box.High[p]), found[p], 1e-4);
            }
        }, maxTest: 60);
    }

    [Fact]
    public void A_conditional_maximum_is_found_with_its_parent()
    {
        SearchSpace space = new SearchSpaceBuilder()
            .Categorical("optimizer", "adam", "sgd", "rmsprop")
            .Float("momentum", 0.5, 0.99, when: ("optimizer", "sgd"))
            .Int("layers", 1, 8)
            .Float("lr", 1e-5, 1e-1, log: true)
            .Build();
        var map = new FeatureMap(space);
        double[] centre = space.Encode(space.CreateValues(new Dictionary<string, object> { ["optimizer"] = "sgd", ["momentum"] = 0.83, ["layers"] = 6, ["lr"] = 3e-3 }));
        var optimizer = new AcquisitionOptimizer(map, candidates: 256, starts: 4);
        double[] found = optimizer.Maximize(new Bowl(Features(map, centre)), new Random(5), [], new HashSet<double[]>(PointComparer.Instance))!;
        ParameterValues values = space.Decode(found);
        Assert.Equal("sgd", values.GetString("optimizer"));
        Assert.Equal(6, values.GetInt("layers"));
        Assert.Equal(0.83, values.GetDouble("momentum"), 1e-4);
        Assert.Equal(3e-3, values.GetDouble("lr"), 1e-6);
    }

    /// <summary>Every canonical point of a space of discrete parameters: each parameter at each of its values' bin centres.</summary>
    private static HashSet<double[]> AllCanonicalPoints(SearchSpace space)
    {
        IEnumerable<double[]> units = [[]];
        foreach (Parameter p in space.Parameters)
        {
            long count = p.Kind == ParameterKind.Int && p.IsLog ? (long)(p.High - p.Low) + 1 : p.Cardinality!.Value;
            double[] coordinates = p.Kind == ParameterKind.Int && p.IsLog
                ? [.. Enumerable.Range(0, (int)count).Select(k => ParameterCodec.Encode(p, p.Low + k))]
                : [.. Enumerable.Range(0, (int)count).Select(k => (k + 0.5) / count)];
            units = [.. units.SelectMany(u => coordinates.Select(v => (double[])[.. u, v]))];
        }

        return new HashSet<double[]>(units.Select(u => Canonical(space, u)), PointComparer.Instance);
    }

    /// <summary>−‖f − centre‖²: its maximum is the centre, and it is separable, so coordinate moves reach it.</summary>
    private sealed class Bowl(double[] centre) : IAcquisition
    {
        public double Value(ReadOnlySpan<double> x, Span<double> gradient)
        {
            double value = 0;
            for (int c = 0; c < centre.Length; c++)
            {
                double d = x[c] - centre[c];
                value -= d * d;
                if (!gradient.IsEmpty)
                {
                    gradient[c] = -2 * d;
                }
            }

            return value;
        }

        public void Values(ReadOnlySpan<double> points, int m, Span<double> values, AcquisitionScratch scratch)
        {
            for (int j = 0; j < m; j++)
            {
                values[j] = Value(points.Slice(j * centre.Length, centre.Length), default);
            }
        }
    }

    /// <summary>Records every feature row the optimizer evaluates, one at a time or batched.</summary>
    private sealed class Recording(IAcquisition inner, int columns) : IAcquisition
    {
        public IAcquisition Inner => inner;

        public List<double[]> Evaluated { get; } = [];

        public double Value(ReadOnlySpan<double> x, Span<double> gradient)
        {
            Evaluated.Add(x.ToArray());
            return inner.Value(x, gradient);
        }

        public void Values(ReadOnlySpan<double> points, int m, Span<double> values, AcquisitionScratch scratch)
        {
            for (int j = 0; j < m; j++)
            {
                Evaluated.Add(points.Slice(j * columns, columns).ToArray());
            }

            inner.Values(points, m, values, scratch);
        }
    }
}
