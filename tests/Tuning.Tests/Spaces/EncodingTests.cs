using FsCheck;
using FsCheck.Fluent;
using Tuning.Tests.Support;

namespace Tuning.Tests.Spaces;

public class EncodingTests
{
    [Fact]
    public void Every_point_of_the_cube_decodes_to_a_valid_assignment_that_survives_a_round_trip()
    {
        PropertyCheck.ForAll(
            PropertyCheck.Seeds,
            seed =>
            {
                SearchSpace space = RandomSpaces.Build(seed);
                var random = new Random(seed);
                for (int i = 0; i < 20; i++)
                {
                    double[] unit = [.. Enumerable.Range(0, space.Count).Select(_ => random.NextDouble())];
                    ParameterValues values = space.Decode(unit);
                    SpaceAssert.Valid(space, values);
                    double[] encoded = space.Encode(values);
                    Assert.All(encoded, u => Assert.True(double.IsNaN(u) || (u >= 0 && u <= 1)));
                    Assert.Equal(values, space.Decode(encoded));
                }
            },
            maxTest: 200);
    }

    [Fact]
    public void The_corners_of_the_cube_decode_to_the_bounds()
    {
        SearchSpace space = new SearchSpaceBuilder()
            .Float("x", -3, 7).Float("lr", 1e-5, 1e-1, log: true).Int("n", 2, 9).Int("b", 16, 512, log: true)
            .Float("s", 0, 1, step: 0.25).Categorical("c", "a", "b", "c").Build();
        ParameterValues low = space.Decode([0, 0, 0, 0, 0, 0]);
        ParameterValues high = space.Decode([1, 1, 1, 1, 1, 1]);
        Assert.Equal([-3.0, 1e-5, 2, 16, 0.0, "a"], [low["x"], low["lr"], low["n"], low["b"], low["s"], low["c"]]);
        Assert.Equal([7.0, 1e-1, 9, 512, 1.0, "c"], [high["x"], high["lr"], high["n"], high["b"], high["s"], high["c"]]);
    }

    [Fact]
    public void The_ends_of_a_float_range_decode_to_its_bounds_exactly()
    {
        // exp(log(low) + (log(high) − log(low))) can come out an ulp below high (1e-3 to 0.5 gave 0.49999999999999994),
        // and low + (high − low) an ulp away from it; a suggestion at the edge of the range is its bound.
        var bounds = from low in Gen.Elements(1e-6, 1e-3, 0.1, 0.3, 1.0 / 3, 2.5, 7.0)
                     from ratio in Gen.Elements(1.7, 3.0, 10.0, 499.0, 1e4)
                     from log in Gen.Elements(false, true)
                     select (Low: low, High: low * ratio, Log: log);
        PropertyCheck.ForAll(bounds, b =>
        {
            SearchSpace space = new SearchSpaceBuilder().Float("x", b.Low, b.High, log: b.Log).Build();
            Assert.Equal(b.Low, space.Decode([0.0]).GetDouble("x"));
            Assert.Equal(b.High, space.Decode([1.0]).GetDouble("x"));
        }, maxTest: 200);
        Assert.Equal(0.5, new SearchSpaceBuilder().Float("x", 1e-3, 0.5, log: true).Build().Decode([1.0]).GetDouble("x"));
    }

    [Fact]
    public void Uniform_coordinates_give_every_discrete_value_the_same_share()
    {
        SearchSpace space = new SearchSpaceBuilder().Int("n", 0, 4).Build();
        var counts = new int[5];
        for (int i = 0; i < 5000; i++)
        {
            counts[space.Decode([(i + 0.5) / 5000]).GetInt("n")]++;
        }

        Assert.All(counts, c => Assert.Equal(1000, c));
    }

    [Fact]
    public void Log_parameters_are_encoded_in_log_space()
    {
        SearchSpace space = new SearchSpaceBuilder().Float("lr", 1e-4, 1, log: true).Build();
        Assert.Equal(1e-2, space.Decode([0.5]).GetDouble("lr"), 12);
        Assert.Equal(0.25, space.Encode(space.CreateValues(new Dictionary<string, object> { ["lr"] = 1e-3 }))[0], 12);
    }

    [Fact]
    public void Stepped_values_are_exact_decimal_grid_points()
    {
        SearchSpace space = new SearchSpaceBuilder().Float("m", 0, 0.99, step: 0.01).Float("t", 0.1, 0.9, step: 0.1).Build();
        var seen = new HashSet<double>();
        for (int i = 0; i < 1000; i++)
        {
            ParameterValues v = space.Decode([i / 999.0, i / 999.0]);
            seen.Add(v.GetDouble("m"));
            Assert.Equal(Math.Round(v.GetDouble("t"), 10), v.GetDouble("t"));
        }

        Assert.Contains(0.3, seen);
        Assert.Contains(0.07, seen);
        Assert.Equal(100, seen.Count);
    }

    [Theory]
    [InlineData(1.0 / 3, 2.0 / 3, 1.0 / 30)]
    [InlineData(Math.PI, 2 * Math.PI, Math.PI / 10)]
    [InlineData(0.1 + 0.2, 1.3, 0.1)]
    public void Bounds_that_no_short_decimal_writes_stay_exact_grid_ends(double low, double high, double step)
    {
        // A double converted to decimal keeps 15 significant digits: computed that way, 1/3 became 0.333333333333333,
        // below the declared lower bound, and the stored trial could not be read back.
        SearchSpace space = new SearchSpaceBuilder().Float("x", low, high, step: step).Build();
        Assert.Equal(low, space.Parameters[0].Low);
        Assert.Equal(high, space.Parameters[0].High, 12);
        Assert.Equal(low, space.Decode([0]).GetDouble("x"));
        Assert.Equal(space.Parameters[0].High, space.Decode([1]).GetDouble("x"));
        var study = new Study(space, Metric.Minimize("y"), new RandomSuggester(seed: 1));
        for (int i = 0; i < 30; i++)
        {
            Trial trial = study.Ask();
            Assert.InRange(trial.GetDouble("x"), low, space.Parameters[0].High);
            study.Tell(trial, trial.GetDouble("x"));
        }

        Study copy = Study.FromJson(study.ToJson(), suggester: new RandomSuggester(seed: 1));
        Assert.Equal(study.Trials.Select(t => t.GetDouble("x")), copy.Trials.Select(t => t.GetDouble("x")));
    }

    [Fact]
    public void Inactive_parameters_encode_as_NaN_and_their_coordinate_is_ignored()
    {
        SearchSpace space = new SearchSpaceBuilder().Categorical("opt", "adam", "sgd").Float("m", 0, 1, when: ("opt", "sgd")).Build();
        ParameterValues adam = space.Decode([0.1, 0.7]);
        Assert.False(adam.IsActive("m"));
        Assert.True(double.IsNaN(space.Encode(adam)[1]));
        Assert.Equal(adam, space.Decode([0.2, 0.3]));
    }

    [Fact]
    public void Decode_rejects_a_point_of_the_wrong_dimension()
    {
        SearchSpace space = new SearchSpaceBuilder().Float("x", 0, 1).Build();
        Assert.Contains("coordinates", Assert.Throws<ArgumentException>(() => space.Decode([0.1, 0.2])).Message);
    }
}
