using Tuning.Reporting.Tests.Support;

namespace Tuning.Reporting.Tests.Importance;

public class StudyImportanceTests
{
    [Fact]
    public void An_unknown_metric_is_refused_naming_the_metric_parameter()
    {
        var e = Assert.Throws<ArgumentException>(() => StudyImportance.Compute(TestStudies.Mixed(10), "accuracy"));

        Assert.Equal("metric", e.ParamName);
        Assert.Contains("no metric 'accuracy'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dominant_parameter_ranks_first()
    {
        IReadOnlyList<ParameterImportance> importances = StudyImportance.Compute(TestStudies.Mixed(60));
        Assert.Equal("x", importances[0].Name);
        Assert.True(importances[0].Importance > 0.8, $"x explains {importances[0].Importance:F3} of the variance.");
        Assert.All(importances.Skip(1), p => Assert.True(p.Importance < 0.1, $"{p.Name}: {p.Importance:F3}"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void A_dominant_parameter_ranks_first_on_random_trials_of_any_seed(int seed)
    {
        // y = 4·sin(3·a) + 0.3·b + noise-free small effects; a dominates whatever the sample.
        SearchSpace space = new SearchSpaceBuilder().Float("b", 0, 1).Float("a", 0, 1).Int("c", 1, 5).Categorical("d", "p", "q").Build();
        var study = new Study(space, Metric.Maximize("y"), new RandomSuggester(seed));
        for (int i = 0; i < 50; i++)
        {
            Trial t = study.Ask();
            study.Tell(t, (4 * Math.Sin(3 * t.GetDouble("a"))) + (0.3 * t.GetDouble("b")) + (0.05 * t.GetInt("c")) + (t.GetString("d") == "q" ? 0.1 : 0));
        }

        Assert.Equal("a", StudyImportance.Compute(study)[0].Name);
    }

    [Fact]
    public void A_categorical_effect_is_measured_by_level()
    {
        SearchSpace space = new SearchSpaceBuilder().Categorical("model", "tree", "linear", "knn").Float("noise", 0, 1).Build();
        var study = new Study(space, Metric.Minimize("loss"), new SobolSuggester(5));
        for (int i = 0; i < 40; i++)
        {
            Trial t = study.Ask();
            double level = t.GetString("model") switch { "tree" => 0, "linear" => 2, _ => 5 };
            study.Tell(t, level + (0.2 * t.GetDouble("noise")));
        }

        IReadOnlyList<ParameterImportance> importances = StudyImportance.Compute(study);
        Assert.Equal(["model", "noise"], importances.Select(p => p.Name));
        Assert.True(importances[0].Importance > 0.95);
    }

    [Fact]
    public void An_irrelevant_parameter_scores_near_zero_on_average_thanks_to_the_chance_correction()
    {
        // Uncorrected, 5 bins of 30 trials explain about 4/29 ≈ 0.14 of pure noise; ω² removes that bias.
        var scores = new List<double>();
        for (int seed = 0; seed < 20; seed++)
        {
            SearchSpace space = new SearchSpaceBuilder().Float("signal", 0, 1).Float("irrelevant", 0, 1).Build();
            var study = new Study(space, Metric.Minimize("loss"), new RandomSuggester(seed));
            var noise = new Random(seed);
            for (int i = 0; i < 30; i++)
            {
                Trial t = study.Ask();
                study.Tell(t, t.GetDouble("signal") + (0.3 * noise.NextDouble()));
            }

            scores.Add(StudyImportance.Compute(study).Single(p => p.Name == "irrelevant").Importance);
        }

        Assert.True(scores.Average() < 0.04, $"mean importance of an irrelevant parameter: {scores.Average():F3}");
    }

    [Fact]
    public void A_conditional_parameter_is_measured_on_the_trials_where_it_is_active()
    {
        IReadOnlyList<ParameterImportance> importances = StudyImportance.Compute(TestStudies.Mixed(60));
        ParameterImportance momentum = importances.Single(p => p.Name == "momentum");
        ParameterImportance kind = importances.Single(p => p.Name == "kind");
        Assert.True(momentum.ActiveTrials < kind.ActiveTrials);
        Assert.True(momentum.ActiveTrials > 0);
    }

    [Fact]
    public void Too_few_trials_or_equal_values_give_zero_importance()
    {
        Assert.All(StudyImportance.Compute(TestStudies.Mixed(2)), p => Assert.Equal(0, p.Importance));
        Assert.All(StudyImportance.Compute(TestStudies.Mixed(0)), p => Assert.Equal(0, p.ActiveTrials));

        SearchSpace space = new SearchSpaceBuilder().Float("x", 0, 1).Build();
        var flat = new Study(space, Metric.Minimize("loss"));
        for (int i = 0; i < 10; i++)
        {
            flat.Tell(flat.Ask(), 2.5);
        }

        ParameterImportance only = Assert.Single(StudyImportance.Compute(flat));
        Assert.Equal(0, only.Importance);
        Assert.Equal(10, only.ActiveTrials);
    }

    [Fact]
    public void Quantile_bins_never_split_equal_values()
    {
        Parameter parameter = new SearchSpaceBuilder().Float("x", 0, 1).Build()["x"];
        double[] values = [0.1, 0.1, 0.1, 0.1, 0.2, 0.3, 0.3, 0.9, 0.9];
        List<List<int>> bins = MainEffectImportance.Bins(parameter, [.. Enumerable.Range(0, values.Length)], i => values[i]);
        Assert.Equal(values.Length, bins.Sum(b => b.Count));
        foreach (double v in values.Distinct())
        {
            Assert.Single(bins, b => b.Any(i => values[i] == v));
        }
    }

    [Fact]
    public void Omega_squared_matches_a_hand_computed_one_way_anova()
    {
        // Two groups {1, 2, 3} and {4, 5, 6}: SSB = 13.5, SSW = 4, SST = 17.5, MSW = 1, ω² = (13.5 − 1) / (17.5 + 1).
        double[] y = [1, 2, 3, 4, 5, 6];
        double omega = MainEffectImportance.OmegaSquared([[0, 1, 2], [3, 4, 5]], y, total: 17.5);
        Assert.Equal(12.5 / 18.5, omega, 12);
    }

    [Fact]
    public void Importance_can_be_computed_for_any_metric()
    {
        Study study = TestStudies.Mixed(40);
        Assert.Equal("depth", StudyImportance.Compute(study, "size")[0].Name);
        Assert.Throws<ArgumentException>(() => StudyImportance.Compute(study, "nope"));
    }
}
