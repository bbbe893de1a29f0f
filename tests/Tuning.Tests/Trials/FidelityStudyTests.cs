namespace Tuning.Tests.Trials;

public class FidelityStudyTests
{
    public static TheoryData<string> Declarations => ["float", "int", "tasks"];

    private static SearchSpace Space(string kind)
    {
        var builder = new SearchSpaceBuilder().Float("lr", 1e-4, 1e-1, log: true).Categorical("opt", "adam", "sgd");
        return kind switch
        {
            "float" => builder.FloatFidelity("fraction", 0.05, 1, fixedCost: 0.2).Build(),
            "int" => builder.IntFidelity("epochs", 1, 81, log: true).Build(),
            _ => builder.Tasks("data", ("tiny", 0.01), ("full", 1.0), ("half", 0.5)).Build(),
        };
    }

    private static ParameterValues Cheap(ParameterValues values) => values.Space.Fidelity!.Kind switch
    {
        FidelityKind.Float => values.WithFidelity(0.3),
        FidelityKind.Int => values.WithFidelity(9),
        _ => values.WithTask("half"),
    };

    [Theory]
    [MemberData(nameof(Declarations))]
    public void The_declaration_and_trial_fidelities_survive_a_json_round_trip(string kind)
    {
        SearchSpace space = Space(kind);
        var study = new Study(space, Metric.Minimize("loss"), new RandomSuggester(seed: 3));
        study.Tell(study.Ask(), 0.5);
        study.Enqueue(Cheap(space.Decode([0.3, 0.8])).ToDictionary());
        Trial cheap = study.Ask();
        study.Tell(cheap, 0.25);

        string json = study.ToJson();
        Study imported = Study.FromJson(json);
        Assert.Equal(json, imported.ToJson());
        Assert.Equal(space.ToString(), imported.Space.ToString());
        Fidelity a = space.Fidelity!, b = imported.Space.Fidelity!;
        Assert.Equal((a.Name, a.Kind, a.Low, a.High, a.IsLog, a.FixedCost), (b.Name, b.Kind, b.Low, b.High, b.IsLog, b.FixedCost));
        Assert.Equal(a.Tasks.Select(t => (t.Name, t.Cost)), b.Tasks.Select(t => (t.Name, t.Cost)));
        Assert.Equal(study.Trials.Select(t => (t.Fidelity, t.Task, t.FidelityCost)), imported.Trials.Select(t => (t.Fidelity, t.Task, t.FidelityCost)));
        Assert.False(imported.Trials[1].IsAtTargetFidelity);
    }

    [Theory]
    [MemberData(nameof(Declarations))]
    public void Reading_the_fidelity_as_a_parameter_says_where_it_is(string kind)
    {
        SearchSpace space = Space(kind);
        Trial trial = new Study(space, Metric.Minimize("loss"), new RandomSuggester(seed: 4)).Ask();
        string name = space.Fidelity!.Name;
        string property = kind == "tasks" ? "Task" : "Fidelity";

        foreach (Action read in new Action[] { () => trial.GetInt(name), () => trial.GetDouble(name), () => _ = trial.Parameters[name], () => trial.IsActive(name), () => _ = space[name] })
        {
            var e = Assert.Throws<ArgumentException>(read);
            Assert.Contains($"'{name}' is the space's fidelity", e.Message, StringComparison.Ordinal);
            Assert.Contains($"trial.{property}", e.Message, StringComparison.Ordinal);
            Assert.Equal("name", e.ParamName);
        }

        var condition = Assert.Throws<ArgumentException>(() => new SearchSpaceBuilder().Float("x", 0, 1, when: (name, 3)).Float("y", 0, 1).IntFidelity(name, 1, 9).Build());
        Assert.Contains($"'{name}' is the space's fidelity", condition.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stored_definition_is_validated_like_a_new_one()
    {
        var study = new Study(Space("tasks"), Metric.Minimize("loss"));
        string json = study.ToJson().Replace("\"cost\": 0.5", "\"cost\": 1.5", StringComparison.Ordinal);
        var e = Assert.Throws<FormatException>(() => Study.FromJson(json));
        Assert.Contains("cost 1.5", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_study_without_a_fidelity_writes_the_same_definition_as_before()
    {
        SearchSpace space = new SearchSpaceBuilder().Float("x", 0, 1).Build();
        Assert.DoesNotContain("fidelity", new Study(space, Metric.Minimize("y")).ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void CreateOrOpen_tells_fidelities_apart()
    {
        var storage = new InMemoryStudyStorage();
        Study.Create(storage, "s", Space("int"), [Metric.Minimize("loss")]);
        SearchSpace other = new SearchSpaceBuilder().Float("lr", 1e-4, 1e-1, log: true).Categorical("opt", "adam", "sgd").IntFidelity("epochs", 1, 27, log: true).Build();
        Assert.Throws<InvalidOperationException>(() => Study.CreateOrOpen(storage, "s", other, [Metric.Minimize("loss")]));
        Assert.False(other.Decode([0.5, 0.5]).Equals(Space("int").Decode([0.5, 0.5])));
    }

    [Theory]
    [MemberData(nameof(Declarations))]
    public void The_best_trial_is_the_best_at_the_target_fidelity(string kind)
    {
        SearchSpace space = Space(kind);
        var study = new Study(space, Metric.Minimize("loss"), new SobolSuggester(seed: 1));
        study.Enqueue(Cheap(space.Decode([0.1, 0.1])).ToDictionary());
        study.Tell(study.Ask(), 0.01);                       // cheap and best-looking, but not a result
        Assert.False(study.TryGetBestTrial(out _));
        Assert.Throws<InvalidOperationException>(() => study.BestTrial);
        Assert.Empty(study.ParetoFront);

        Trial target = study.Ask();
        Assert.True(target.IsAtTargetFidelity);
        study.Tell(target, 0.5);
        Assert.Equal(target.Id, study.BestTrial.Id);
        Assert.Equal([target.Id], study.ParetoFront.Select(t => t.Id));
    }

    [Theory]
    [InlineData("random")]
    [InlineData("sobol")]
    [InlineData("grid")]
    [InlineData("gp")]
    public void Suggesters_that_do_not_choose_fidelities_suggest_the_target(string kind)
    {
        SearchSpace space = new SearchSpaceBuilder().Int("n", 1, 4).Categorical("c", "a", "b").IntFidelity("epochs", 1, 50).Build();
        ISuggester suggester = kind switch
        {
            "random" => new RandomSuggester(seed: 2),
            "sobol" => new SobolSuggester(seed: 2),
            "grid" => new GridSuggester(),
            _ => new GaussianProcessSuggester(seed: 2, new GaussianProcessOptions { StartupTrials = 3, Candidates = 64, LocalSearches = 2 }),
        };
        var study = new Study(space, Metric.Minimize("y"), suggester);
        study.Enqueue(space.Decode([0.1, 0.1]).WithFidelity(5).ToDictionary());
        study.Tell(study.Ask(), -100);                      // a low-fidelity value the target-only GP must not trust
        for (int i = 0; i < 6; i++)
        {
            Trial t = study.Ask();
            Assert.Equal(50, t.Fidelity);
            study.Tell(t, t.GetInt("n"));
        }
    }
}
