namespace Tuning.Tests.Spaces.Typed;

public sealed class TypedSpaceTests
{
    [Fact]
    public void Every_kind_becomes_the_parameter_its_attributes_declare()
    {
        SearchSpace space = SearchSpace.From<AllKinds>();

        Assert.Equal(
            ["Plain", "LogScale", "Stepped", "Single", "Count", "Width", "Tens", "Flag", "Booster", "Limited", "Optimizer", "Batch", "Momentum", "Ratio", "Optional", "MaybeFlag"],
            space.Parameters.Select(p => p.Name));
        Assert.Equal("Plain: float [-2.5, 3.5]", space["Plain"].ToString());
        Assert.Equal("LogScale: float [1E-05, 0.1] log", space["LogScale"].ToString());
        Assert.Equal("Stepped: float [0, 1] step 0.05", space["Stepped"].ToString());
        Assert.Equal("Single: float [0.1, 0.9]", space["Single"].ToString());
        Assert.Equal("Count: int [-3, 12] step 1", space["Count"].ToString());
        Assert.Equal("Width: int [8, 512] log step 1", space["Width"].ToString());
        Assert.Equal("Tens: int [0, 100] step 10", space["Tens"].ToString());
        Assert.True(space["Flag"].IsBoolean);
        Assert.Equal(["Gbdt", "Dart", "Goss"], space["Booster"].Choices);
        Assert.Equal(["Gbdt", "Goss"], space["Limited"].Choices);
        Assert.Equal(["adam", "sgd"], space["Optimizer"].Choices);
        Assert.Equal(["32", "64", "128"], space["Batch"].Choices);
        Assert.Equal(["0.5", "0.9", "0.99"], space["Momentum"].Choices);
        Assert.Equal(["0.25", "0.75"], space["Ratio"].Choices);
        Assert.Equal(ParameterKind.Float, space["Optional"].Kind);
        Assert.True(space["MaybeFlag"].IsBoolean);
        Assert.False(space.Contains("Computed"));
        Assert.False(space.Contains("Label"));
    }

    [Fact]
    public void A_trial_binds_to_a_filled_instance()
    {
        var study = new Study(SearchSpace.From<AllKinds>(), Metric.Minimize("loss"));
        study.Enqueue(new Dictionary<string, object>
        {
            ["Plain"] = -1.25, ["LogScale"] = 0.001, ["Stepped"] = 0.35, ["Single"] = 0.5, ["Count"] = 7, ["Width"] = 100, ["Tens"] = 30,
            ["Flag"] = true, ["Booster"] = "Dart", ["Limited"] = "Goss", ["Optimizer"] = "sgd", ["Batch"] = "64", ["Momentum"] = "0.99",
            ["Ratio"] = "0.75", ["Optional"] = 0.5, ["MaybeFlag"] = false,
        });

        AllKinds p = study.Ask().Bind<AllKinds>();

        Assert.Equal(-1.25, p.Plain);
        Assert.Equal(0.001, p.LogScale, 12);
        Assert.Equal(0.35, p.Stepped, 12);
        Assert.Equal(0.5f, p.Single);
        Assert.Equal(7, p.Count);
        Assert.Equal(100, p.Width);
        Assert.Equal(30, p.Tens);
        Assert.True(p.Flag);
        Assert.Equal(Booster.Dart, p.Booster);
        Assert.Equal(Booster.Goss, p.Limited);
        Assert.Equal("sgd", p.Optimizer);
        Assert.Equal(64, p.Batch);
        Assert.Equal(0.99, p.Momentum);
        Assert.Equal(0.75f, p.Ratio);
        Assert.Equal(0.5, p.Optional);
        Assert.False(p.MaybeFlag);
        Assert.Equal("kept", p.Label);
    }

    [Fact]
    public void Inactive_properties_keep_their_defaults()
    {
        var study = new Study(SearchSpace.From<Conditional>(), Metric.Minimize("loss"));
        study.Enqueue(new Dictionary<string, object> { ["Booster"] = "Gbdt", ["Layers"] = 2, ["UseMomentum"] = false });
        study.Enqueue(new Dictionary<string, object>
        {
            ["Booster"] = "Dart", ["DropRate"] = 0.1, ["Layers"] = 4, ["Deep"] = 32, ["UseMomentum"] = true, ["Momentum"] = 0.9, ["Nested"] = "c", ["Chained"] = "2",
        });

        Conditional off = study.Ask().Bind<Conditional>();
        Conditional on = study.Ask().Bind<Conditional>();

        Assert.Equal((Booster.Gbdt, (double?)null, 2, -1, false, 0.123, "none", 7), (off.Booster, off.DropRate, off.Layers, off.Deep, off.UseMomentum, off.Momentum, off.Nested, off.Chained));
        Assert.Equal((Booster.Dart, (double?)0.1, 4, 32, true, 0.9, "c", 2), (on.Booster, on.DropRate, on.Layers, on.Deep, on.UseMomentum, on.Momentum, on.Nested, on.Chained));
    }

    [Fact]
    public void Conditions_name_the_parent_and_its_values()
    {
        SearchSpace space = SearchSpace.From<Conditional>();

        Assert.Equal("Booster in {Dart}", space["DropRate"].Condition!.ToString());
        Assert.Equal("Layers in {3, 4}", space["Deep"].Condition!.ToString());
        Assert.Equal("UseMomentum in {true}", space["Momentum"].Condition!.ToString());
        Assert.Equal("Nested in {b, c}", space["Chained"].Condition!.ToString());
        Assert.Null(space["Booster"].Condition);
    }

    [Fact]
    public void A_positional_record_is_created_through_its_constructor()
    {
        SearchSpace space = SearchSpace.From<Positional>();
        Assert.Equal(["Rate", "Depth", "Flag", "Kind", "Extra"], space.Parameters.Select(p => p.Name));
        var study = new Study(space, Metric.Minimize("loss"));
        study.Enqueue(new Dictionary<string, object> { ["Rate"] = 0.25, ["Depth"] = 3, ["Flag"] = false, ["Kind"] = "y" });
        study.Enqueue(new Dictionary<string, object> { ["Rate"] = 0.5, ["Depth"] = 1, ["Flag"] = true, ["Kind"] = "x", ["Extra"] = 2 });

        Assert.Equal(new Positional(0.25, 3, false, "y"), study.Ask().Bind<Positional>());
        Assert.Equal(new Positional(0.5, 1, true, "x", 2), study.Ask().Bind<Positional>());
    }

    [Fact]
    public void Structs_and_inherited_properties_work()
    {
        Assert.Equal(["X", "Y"], SearchSpace.From<Point>().Parameters.Select(p => p.Name));
        Assert.Equal(["First", "Second"], SearchSpace.From<DerivedParameters>().Parameters.Select(p => p.Name));

        ParameterValues values = SearchSpace.From<Point>().CreateValues(new Dictionary<string, object> { ["X"] = 0.5, ["Y"] = 4 });
        Assert.Equal(new Point { X = 0.5, Y = 4 }, values.Bind<Point>());
    }

    [Fact]
    public void An_override_keeps_the_attributes_of_the_property_it_overrides()
    {
        Parameter layers = Assert.Single(SearchSpace.From<OverridingParameters>().Parameters);
        Assert.Equal(("Layers", 1.0, 4.0), (layers.Name, layers.Low, layers.High));
    }

    [Fact]
    public void Conditions_compare_choices_with_their_case_as_the_space_does()
    {
        var study = new Study(SearchSpace.From<CaseSensitiveChoices>(), Metric.Minimize("loss"));

        study.Enqueue(new CaseSensitiveChoices { Optimizer = "SGD", Momentum = null });
        study.Enqueue(new CaseSensitiveChoices { Optimizer = "sgd", Momentum = 0.7 });

        Assert.Equal("Optimizer=SGD", study.Ask().Parameters.ToString());
        Assert.Equal("Optimizer=sgd, Momentum=0.7", study.Ask().Parameters.ToString());
    }

    [Fact]
    public void A_setter_that_refuses_a_value_throws_its_own_exception_from_bind()
    {
        ParameterValues values = SearchSpace.From<PickySetter>().CreateValues(new Dictionary<string, object> { ["Depth"] = 3 });

        ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(() => values.Bind<PickySetter>());
        Assert.Contains("3 is unlucky", e.Message);
    }

    [Fact]
    public void The_same_type_gives_an_equivalent_space_that_a_stored_study_accepts()
    {
        var storage = new InMemoryStudyStorage();
        Study.Create(storage, "typed", SearchSpace.From<Conditional>(), [Metric.Minimize("loss")]);

        Study reopened = Study.CreateOrOpen(storage, "typed", SearchSpace.From<Conditional>(), [Metric.Minimize("loss")]);

        Assert.Equal(SearchSpace.From<Conditional>().ToString(), reopened.Space.ToString());
    }

    [Fact]
    public void Enqueue_takes_an_instance_and_leaves_out_what_is_inactive()
    {
        var study = new Study(SearchSpace.From<Conditional>(), Metric.Minimize("loss"));
        var configuration = new Conditional { Booster = Booster.Gbdt, DropRate = 0.3, Layers = 2, Deep = 50, UseMomentum = true, Momentum = 0.8, Nested = "a", Chained = 2 };

        study.Enqueue(configuration);
        Trial trial = study.Ask();

        Assert.Equal("Booster=Gbdt, Layers=2, UseMomentum=true, Momentum=0.8, Nested=a", trial.Parameters.ToString());
        Conditional bound = trial.Bind<Conditional>();
        Assert.Null(bound.DropRate);
        Assert.Equal(-1, bound.Deep);
        Assert.Equal(7, bound.Chained);
    }

    [Fact]
    public void Enqueue_reads_an_instance_known_only_as_an_object_by_its_own_class()
    {
        var study = new Study(SearchSpace.From<Conditional>(), Metric.Minimize("loss"));
        object configuration = new Conditional { Booster = Booster.Gbdt, Layers = 2, UseMomentum = false };
        IEnumerable<object> configurations = [configuration];

        foreach (object each in configurations)
        {
            study.Enqueue(each);
        }

        Assert.Equal("Booster=Gbdt, Layers=2, UseMomentum=false", Assert.Single(study.Enqueued).ToString());
    }

    [Fact]
    public void Enqueue_rejects_a_value_outside_the_domain_by_name()
    {
        var study = new Study(SearchSpace.From<AllKinds>(), Metric.Minimize("loss"));

        var outside = Assert.Throws<ArgumentException>(() => study.Enqueue(new AllKinds { Plain = 9, LogScale = 0.01, Width = 8, Batch = 32, Momentum = 0.5, Ratio = 0.25f, Optional = 0.5, MaybeFlag = true }));
        var unknown = Assert.Throws<ArgumentException>(() => study.Enqueue(new AllKinds { LogScale = 0.01, Width = 8, Batch = 32, Momentum = 0.5, Ratio = 0.25f, Optional = 0.5, MaybeFlag = true, Optimizer = "rmsprop" }));

        Assert.Contains("'Plain'", outside.Message);
        Assert.Contains("'Optimizer'", unknown.Message);
        Assert.Contains("rmsprop", unknown.Message);
        var missing = Assert.Throws<ArgumentException>(() => study.Enqueue(new AllKinds { LogScale = 0.01, Width = 8, Batch = 32, Momentum = 0.5, Ratio = 0.25f }));
        Assert.Contains("'Optional' is null, but its parameter is active", missing.Message);
        Assert.All(new[] { outside, unknown, missing }, e => Assert.Equal("parameters", e.ParamName));
        Assert.All(new[] { outside, unknown, missing }, e => Assert.StartsWith("AllKinds: ", e.Message, StringComparison.Ordinal));
        Assert.All(new[] { outside, unknown, missing }, e => Assert.EndsWith(" (Parameter 'parameters')", e.Message, StringComparison.Ordinal));
        Assert.DoesNotContain("(Parameter 'value')", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Binding_to_a_space_built_another_way_names_the_missing_or_mismatched_parameter()
    {
        ParameterValues other = new SearchSpaceBuilder().Float("Rate", 0, 1).Build().CreateValues(new Dictionary<string, object> { ["Rate"] = 0.5 });
        ParameterValues mismatched = new SearchSpaceBuilder().Float("X", 0, 1).Float("Y", 0, 9).Build()
            .CreateValues(new Dictionary<string, object> { ["X"] = 0.5, ["Y"] = 2.0 });

        var missing = Assert.Throws<ArgumentException>(() => other.Bind<Positional>());
        var kind = Assert.Throws<ArgumentException>(() => mismatched.Bind<Point>());

        Assert.Contains("'Depth'", missing.Message);
        Assert.Contains("SearchSpace.From<Positional>()", missing.Message);
        Assert.Contains("'Y'", kind.Message);
        Assert.Equal("values", missing.ParamName);
    }

    [Fact]
    public void Binding_a_trial_of_a_space_built_another_way_names_the_trial()
    {
        Trial trial = new Study(new SearchSpaceBuilder().Float("Rate", 0, 1).Build(), Metric.Minimize("loss"), new RandomSuggester(seed: 1)).Ask();

        var e = Assert.Throws<ArgumentException>(() => trial.Bind<Positional>());

        Assert.Contains("'Depth'", e.Message, StringComparison.Ordinal);
        Assert.Equal("trial", e.ParamName);
    }

    [Fact]
    public void A_builder_takes_the_properties_beside_other_declarations()
    {
        SearchSpace space = new SearchSpaceBuilder().Float("extra", 0, 1).Properties<Conditional>().IntFidelity("epochs", 1, 27).Build();
        var study = new Study(space, Metric.Minimize("loss"));
        study.Enqueue(new Dictionary<string, object> { ["extra"] = 0.5, ["Booster"] = "Dart", ["DropRate"] = 0.2, ["Layers"] = 1, ["UseMomentum"] = false, ["epochs"] = 3 });

        Trial trial = study.Ask();
        Conditional bound = trial.Bind<Conditional>();

        Assert.Equal(["extra", .. SearchSpace.From<Conditional>().Parameters.Select(p => p.Name)], space.Parameters.Select(p => p.Name));
        Assert.Equal(SearchSpace.From<Conditional>()["Deep"].ToString(), space["Deep"].ToString());
        Assert.Equal((Booster.Dart, (double?)0.2, 1), (bound.Booster, bound.DropRate, bound.Layers));
        Assert.Equal(3, trial.Fidelity);
    }

    [Fact]
    public void A_property_whose_name_the_builder_has_is_named()
    {
        var builder = new SearchSpaceBuilder().Int("Layers", 1, 2);

        var e = Assert.Throws<ArgumentException>(() => builder.Properties<Conditional>());

        Assert.Contains("Property 'Conditional.Layers'", e.Message);
        Assert.Contains("already declared", e.Message);
        Assert.Equal(["Layers"], builder.Build().Parameters.Select(p => p.Name));
    }

    [Fact]
    public void A_float_property_on_a_grid_enqueues_as_its_grid_value()
    {
        SearchSpace space = SearchSpace.From<SteppedSingles>();
        for (int k = 0; k <= 10; k++)
        {
            var study = new Study(space, Metric.Minimize("loss"));
            double dropout = ParameterCodec.GridValue(0, k / 2, 0.05), fraction = ParameterCodec.GridValue(0, k, 0.1);
            study.Enqueue(new SteppedSingles { Dropout = (float)dropout, Fraction = (float)fraction });

            Trial trial = study.Ask();

            Assert.Equal((dropout, fraction), (trial.Parameters.GetDouble("Dropout"), trial.Parameters.GetDouble("Fraction")));
            Assert.Equal(((float)dropout, (float?)fraction), (trial.Bind<SteppedSingles>().Dropout, trial.Bind<SteppedSingles>().Fraction));
        }
    }

    [Fact]
    public void A_float_property_off_its_grid_is_refused()
    {
        var study = new Study(SearchSpace.From<SteppedSingles>(), Metric.Minimize("loss"));

        var e = Assert.Throws<ArgumentException>(() => study.Enqueue(new SteppedSingles { Dropout = 0.07f, Fraction = 0.5f }));

        Assert.Contains("'Dropout'", e.Message);
        Assert.Contains("on the grid", e.Message);
    }

    [Fact]
    public void A_numeric_parent_value_names_the_choice_as_Choices_would()
    {
        SearchSpace space = SearchSpace.From<NumericParents>();
        var study = new Study(space, Metric.Minimize("loss"));
        study.Enqueue(new NumericParents { Ratio = 0.25f, Momentum = 1, WhenQuarter = 0.5, WhenOne = 2 });

        NumericParents bound = study.Ask().Bind<NumericParents>();

        Assert.Equal("WhenQuarter: float [0, 1] when Ratio in {0.25}", space["WhenQuarter"].ToString());
        Assert.Equal("WhenOne: int [1, 4] step 1 when Momentum in {1}", space["WhenOne"].ToString());
        Assert.Equal((0.5, 2), (bound.WhenQuarter, bound.WhenOne));
    }

    [Fact]
    public void A_property_that_hides_an_inherited_one_replaces_it()
    {
        SearchSpace space = SearchSpace.From<Hiding>();
        var study = new Study(space, Metric.Minimize("loss"));
        study.Enqueue(new Hiding { Rate = 16, Depth = 2 });

        Hiding bound = study.Ask().Bind<Hiding>();

        Assert.Equal(["Depth", "Rate"], space.Parameters.Select(p => p.Name));
        Assert.Equal(["8", "16"], space["Rate"].Choices);
        Assert.Equal((16, 2, 0.0), (bound.Rate, bound.Depth, ((HiddenBase)bound).Rate));
    }
}
