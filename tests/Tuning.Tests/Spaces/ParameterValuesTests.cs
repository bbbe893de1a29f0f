using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Tuning.Tests.Support;

namespace Tuning.Tests.Spaces;

public class ParameterValuesTests
{
    private static readonly SearchSpace Space = new SearchSpaceBuilder()
        .Float("lr", 1e-4, 1, log: true)
        .Int("layers", 1, 8)
        .Categorical("optimizer", "adam", "sgd")
        .Float("momentum", 0, 0.99, when: ("optimizer", "sgd"))
        .Bool("bias")
        .Build();

    private static ParameterValues Adam() => Space.CreateValues(new Dictionary<string, object>
    {
        ["lr"] = 0.01, ["layers"] = 3, ["optimizer"] = "adam", ["bias"] = true,
    });

    [Fact]
    public void Typed_getters_read_each_kind()
    {
        ParameterValues v = Adam();
        Assert.Equal(0.01, v.GetDouble("lr"));
        Assert.Equal(3, v.GetInt("layers"));
        Assert.Equal("adam", v.GetString("optimizer"));
        Assert.True(v.GetBool("bias"));
        Assert.Equal("true", v.GetString("bias"));
        Assert.False(v.IsActive("momentum"));
        Assert.Equal(["lr", "layers", "optimizer", "bias"], v.ToDictionary().Keys);
        Assert.Equal("lr=0.01, layers=3, optimizer=adam, bias=true", v.ToString());
    }

    [Theory]
    [InlineData(1e300)]
    [InlineData(-1e300)]
    [InlineData(1e-50)]
    public void A_value_a_float_cannot_hold_is_not_read_as_infinity_or_zero(double value)
    {
        SearchSpace space = new SearchSpaceBuilder().Float("x", -1e301, 1e301).Float("lr", 1e-60, 1e-1, log: true).Build();
        string name = Math.Abs(value) < 1 ? "lr" : "x";
        ParameterValues values = space.CreateValues(new Dictionary<string, object> { ["x"] = Math.Abs(value) < 1 ? 0.5 : value, ["lr"] = Math.Abs(value) < 1 ? value : 1e-3 });
        var e = Assert.Throws<OverflowException>(() => values.GetFloat(name));
        Assert.Contains($"'{name}'", e.Message, StringComparison.Ordinal);
        Assert.Contains("GetDouble", e.Message, StringComparison.Ordinal);
        Assert.Equal(value, values.GetDouble(name));
        Assert.Equal(0f, space.CreateValues(new Dictionary<string, object> { ["x"] = 0.0, ["lr"] = 1e-3 }).GetFloat("x"));
        Assert.Equal(float.Epsilon, space.CreateValues(new Dictionary<string, object> { ["x"] = 0.5, ["lr"] = (double)float.Epsilon }).GetFloat("lr"));
    }

    [Fact]
    public void An_unknown_name_is_named_in_the_exception()
    {
        var e = Assert.Throws<ArgumentException>(() => Adam().GetDouble("learning_rate"));
        Assert.Contains("'learning_rate'", e.Message);
        Assert.Contains("lr", e.Message);
    }

    [Fact]
    public void A_getter_of_the_wrong_type_names_the_right_one()
    {
        var e = Assert.Throws<ArgumentException>(() => Adam().GetInt("lr"));
        Assert.Contains("'lr'", e.Message);
        Assert.Contains("GetDouble", e.Message);
        Assert.Equal(3.0, Adam().GetDouble("layers"));
        Assert.Contains("GetString", Assert.Throws<ArgumentException>(() => Adam().GetDouble("optimizer")).Message);
        Assert.Contains("GetString", Assert.Throws<ArgumentException>(() => Adam().GetInt("optimizer")).Message);
        Assert.Contains("GetString", Assert.Throws<ArgumentException>(() => Adam().GetBool("optimizer")).Message);
    }

    [Fact]
    public void Reading_an_inactive_parameter_explains_its_condition()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Adam().GetDouble("momentum"));
        Assert.Contains("'momentum'", e.Message);
        Assert.Contains("inactive", e.Message);
        Assert.Contains("optimizer", e.Message);
    }

    [Fact]
    public void CreateValues_rejects_bad_assignments_and_names_the_parameter()
    {
        AssertRejects(new() { ["lr"] = 0.01, ["layers"] = 3, ["optimizer"] = "adam", ["bias"] = true, ["depth"] = 2 }, "depth");
        AssertRejects(new() { ["lr"] = 0.01, ["optimizer"] = "adam", ["bias"] = true }, "layers");
        AssertRejects(new() { ["lr"] = 5.0, ["layers"] = 3, ["optimizer"] = "adam", ["bias"] = true }, "lr");
        AssertRejects(new() { ["lr"] = 0.01, ["layers"] = 3.5, ["optimizer"] = "adam", ["bias"] = true }, "layers");
        AssertRejects(new() { ["lr"] = 0.01, ["layers"] = 3, ["optimizer"] = "rmsprop", ["bias"] = true }, "rmsprop");
        AssertRejects(new() { ["lr"] = 0.01, ["layers"] = 3, ["optimizer"] = "adam", ["bias"] = true, ["momentum"] = 0.5 }, "momentum");
        AssertRejects(new() { ["lr"] = double.NaN, ["layers"] = 3, ["optimizer"] = "adam", ["bias"] = true }, "lr");
        AssertRejects(new() { ["lr"] = 0.01, ["layers"] = 3, ["optimizer"] = "adam", ["bias"] = "maybe" }, "bias");
    }

    public static TheoryData<object> Threes => [3, 3L, (short)3, (byte)3, (sbyte)3, 3u, (ushort)3, 3UL, 3.0, 3f, 3m];

    [Theory]
    [MemberData(nameof(Threes))]
    public void A_number_of_any_numeric_type_is_taken_by_ints_floats_and_fidelities_alike(object three)
    {
        SearchSpace space = new SearchSpaceBuilder().Int("layers", 1, 8).Float("width", 0, 10).IntFidelity("epochs", 1, 9).Build();

        ParameterValues values = space.CreateValues(new Dictionary<string, object> { ["layers"] = three, ["width"] = three, ["epochs"] = three });

        Assert.Equal(3, values.GetInt("layers"));
        Assert.Equal(3.0, values.GetDouble("width"));
        Assert.Equal(3.0, values.Fidelity);
    }

    [Fact]
    public void Values_read_by_System_Text_Json_into_objects_are_taken_as_the_json_values_they_hold()
    {
        // Deserialize<Dictionary<string, object>> gives JsonElements: a configuration read from a file, say.
        SearchSpace space = new SearchSpaceBuilder()
            .Float("lr", 1e-4, 1, log: true).Int("layers", 1, 8).Categorical("optimizer", "adam", "sgd").Bool("bias")
            .Float("momentum", 0, 0.99, when: ("optimizer", "sgd")).IntFidelity("epochs", 1, 9).Build();
        var loaded = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, object>>(
            """{ "lr": 0.01, "layers": 3, "optimizer": "sgd", "bias": true, "momentum": 0.9, "epochs": 4 }""")!;

        ParameterValues values = space.CreateValues(loaded);

        Assert.Equal(0.01, values.GetDouble("lr"));
        Assert.Equal(3, values.GetInt("layers"));
        Assert.Equal("sgd", values.GetString("optimizer"));
        Assert.True(values.GetBool("bias"));
        Assert.Equal(0.9, values.GetDouble("momentum"));
        Assert.Equal(4.0, values.Fidelity);

        var study = new Study(space, Metric.Minimize("loss"), new RandomSuggester(seed: 1));
        study.Enqueue(loaded);
        Assert.Equal(values, study.Ask().Parameters);

        // A JSON value of the wrong kind is refused as any value of the wrong type is, naming the parameter.
        var wrong = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, object>>(
            """{ "lr": "fast", "layers": 3, "optimizer": "adam", "bias": true }""")!;
        var e = Assert.Throws<ArgumentException>(() => space.CreateValues(wrong));
        Assert.Contains("'lr'", e.Message);
        Assert.Contains("fast", e.Message);
    }

    [Fact]
    public void Off_step_values_are_rejected_and_on_step_values_snapped()
    {
        SearchSpace space = new SearchSpaceBuilder().Float("m", 0, 1, step: 0.1).Int("n", 0, 12, step: 3).Build();
        Assert.Equal(0.3, space.CreateValues(new Dictionary<string, object> { ["m"] = 0.1 + 0.2, ["n"] = 6 }).GetDouble("m"));
        AssertRejects(space, new() { ["m"] = 0.35, ["n"] = 6 }, "m");
        AssertRejects(space, new() { ["m"] = 0.3, ["n"] = 7 }, "n");
    }

    private static void AssertRejects(Dictionary<string, object> values, string name) => AssertRejects(Space, values, name);

    private static void AssertRejects(SearchSpace space, Dictionary<string, object> values, string name)
    {
        var e = Assert.Throws<ArgumentException>(() => space.CreateValues(values));
        Assert.Contains(name, e.Message);
        Assert.Equal("values", e.ParamName);

        // Study.Enqueue names its own parameter, not CreateValues' (nor an internal 'value' or 'choice').
        var study = new Study(space, Metric.Minimize("loss"), new RandomSuggester(seed: 1));
        Assert.Equal("parameters", Assert.Throws<ArgumentException>(() => study.Enqueue(values)).ParamName);
    }

    [Fact]
    public void A_fidelity_value_it_refuses_names_the_parameter_that_gave_it()
    {
        SearchSpace epochs = new SearchSpaceBuilder().Float("x", 0, 1).IntFidelity("epochs", 1, 27).Build();
        SearchSpace tasks = new SearchSpaceBuilder().Float("x", 0, 1)
            .Tasks("rows", new FidelityTask("tenth", 0.1), new FidelityTask("all", 1.0)).Build();
        AssertRejects(epochs, new() { ["x"] = 0.5, ["epochs"] = 40 }, "epochs");
        AssertRejects(epochs, new() { ["x"] = 0.5, ["epochs"] = "many" }, "epochs");
        AssertRejects(epochs, new() { ["x"] = 0.5, ["epochs"] = 2.5 }, "epochs");
        AssertRejects(tasks, new() { ["x"] = 0.5, ["rows"] = "half" }, "half");
        ParameterValues values = epochs.CreateValues(new Dictionary<string, object> { ["x"] = 0.5 });
        Assert.Equal("value", Assert.Throws<ArgumentException>(() => values.WithFidelity(0.5)).ParamName);
        ParameterValues onTasks = tasks.CreateValues(new Dictionary<string, object> { ["x"] = 0.5 });
        Assert.Equal("task", Assert.Throws<ArgumentException>(() => onTasks.WithTask("half")).ParamName);
        Assert.Equal("task", Assert.Throws<ArgumentException>(() => tasks.Fidelity!.CostOf("half")).ParamName);
    }
    [Fact]
    public void A_condition_writes_its_values_as_the_space_writes_choices()
    {
        SearchSpace space = new SearchSpaceBuilder()
            .Bool("momentum").Float("beta", 0, 1, when: ("momentum", true))
            .Int("layers", -2, 3).Float("width", 0, 1, when: ("layers", new[] { -1, 2 }))
            .Build();
        CultureInfo culture = CultureInfo.CurrentCulture;
        try
        {
            // A culture that writes −1 with a Unicode minus sign, as sv-SE does.
            var minus = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            minus.NumberFormat.NegativeSign = "\u2212";
            CultureInfo.CurrentCulture = minus;
            Assert.Equal("momentum: categorical {false, true}", space.Parameters[0].ToString());
            Assert.Equal("beta: float [0, 1] when momentum in {true}", space.Parameters[1].ToString());
            Assert.Equal("width: float [0, 1] when layers in {-1, 2}", space.Parameters[3].ToString());
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void Spaces_whose_choices_or_conditions_differ_are_not_the_same_space()
    {
        // Joined without escaping, choices "a,b" and "c" read like "a" and "b,c"; lower-cased, a condition on "A" read
        // like one on "a".
        SearchSpace first = new SearchSpaceBuilder().Categorical("c", "a,b", "c").Build();
        SearchSpace second = new SearchSpaceBuilder().Categorical("c", "a", "b,c").Build();
        ParameterValues inFirst = first.CreateValues(new Dictionary<string, object> { ["c"] = "a,b" });
        ParameterValues inSecond = second.CreateValues(new Dictionary<string, object> { ["c"] = "a" });
        Assert.NotEqual(inFirst, inSecond);
        Assert.Throws<ArgumentException>(() => second.Encode(inFirst));

        SearchSpace onUpper = new SearchSpaceBuilder().Categorical("c", "A", "a").Float("x", 0, 1, when: ("c", "A")).Build();
        SearchSpace onLower = new SearchSpaceBuilder().Categorical("c", "A", "a").Float("x", 0, 1, when: ("c", "a")).Build();
        ParameterValues upper = onUpper.CreateValues(new Dictionary<string, object> { ["c"] = "A", ["x"] = 0.5 });
        Assert.Throws<ArgumentException>(() => onLower.Encode(upper));

        // The same declarations are the same space, whatever the order of a condition's values.
        SearchSpace again = new SearchSpaceBuilder().Categorical("c", "A", "a", "b").Float("x", 0, 1, when: new Condition("c", ["a", "A"])).Build();
        SearchSpace same = new SearchSpaceBuilder().Categorical("c", "A", "a", "b").Float("x", 0, 1, when: new Condition("c", ["A", "a"])).Build();
        ParameterValues values = again.CreateValues(new Dictionary<string, object> { ["c"] = "a", ["x"] = 0.25 });
        Assert.Equal(values, same.CreateValues(new Dictionary<string, object> { ["c"] = "a", ["x"] = 0.25 }));
        Assert.Equal(again.Encode(values), same.Encode(values));
    }

    [Fact]
    public void A_condition_that_names_a_value_twice_or_a_bool_as_text_is_the_same_space_as_one_that_names_it_once()
    {
        SearchSpace once = new SearchSpaceBuilder().Categorical("c", "a", "b").Bool("flag").Float("x", 0, 1, when: ("c", "a")).Float("y", 0, 1, when: ("flag", true)).Build();
        SearchSpace twice = new SearchSpaceBuilder().Categorical("c", "a", "b").Bool("flag").Float("x", 0, 1, when: new Condition("c", "a", "a")).Float("y", 0, 1, when: new Condition("flag", "true", true)).Build();
        var given = new Dictionary<string, object> { ["c"] = "a", ["flag"] = true, ["x"] = 0.5, ["y"] = 0.25 };

        ParameterValues inOnce = once.CreateValues(given);
        ParameterValues inTwice = twice.CreateValues(given);

        Assert.Equal(inOnce, inTwice);
        Assert.Equal(inOnce.GetHashCode(), inTwice.GetHashCode());
        Assert.Equal(once.Encode(inOnce), twice.Encode(inOnce));
    }

    [Fact]
    public void Values_with_inactive_parameters_compare_hash_print_and_travel_by_their_active_values_alone()
    {
        PropertyCheck.ForAll(
            Arb.Zip(SpaceSpec.Arbitrary(maxParameters: 6, maxSize: 5), Arb.From(Gen.Choose(0, 1000).ArrayOf(6), v => Shrink.Array(v, x => Shrink.Toward(x, 0), minLength: 6))),
            c =>
            {
                SearchSpace space = c.Item1.Build(), again = c.Item1.Build();
                double[] unit = [.. c.Item2.Take(space.Count).Select(u => u / 1000.0)];
                ParameterValues values = space.Decode(unit);

                // Another coordinate for every inactive parameter decodes to the same values.
                ParameterValues otherFiller = again.Decode([.. unit.Select((u, i) => values.IsActive(space.Parameters[i].Name) ? u : 1 - u)]);
                Assert.Equal(values, otherFiller);
                Assert.Equal(values.GetHashCode(), otherFiller.GetHashCode());

                string[] inactive = [.. space.Parameters.Where(p => !values.IsActive(p.Name)).Select(p => p.Name)];
                string text = values.ToString();
                Assert.DoesNotContain("NaN", text, StringComparison.Ordinal);
                Assert.Equal(space.Parameters.Where(p => values.IsActive(p.Name)).Select(p => p.Name), text.Split(", ").Select(pair => pair[..pair.IndexOf('=', StringComparison.Ordinal)]));
                Assert.All(inactive, name => Assert.False(values.ToDictionary().ContainsKey(name)));
                Assert.All(inactive, name => Assert.Throws<InvalidOperationException>(() => values[name]));

                ParameterValues read = again.CreateValues(values.ToDictionary());
                Assert.Equal(values, read);
                Assert.Equal(text, read.ToString());
                Assert.All(space.Encode(values).Where((_, i) => !values.IsActive(space.Parameters[i].Name)), u => Assert.True(double.IsNaN(u)));
            },
            maxTest: 200);
    }
}
