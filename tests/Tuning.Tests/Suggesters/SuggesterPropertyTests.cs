using Tuning.Tests.Support;

namespace Tuning.Tests.Suggesters;

public class SuggesterPropertyTests
{
    public static TheoryData<string> Suggesters => ["random", "sobol", "grid"];

    [Theory]
    [MemberData(nameof(Suggesters))]
    public void Every_suggestion_is_a_valid_point_of_a_generated_space(string kind)
    {
        PropertyCheck.ForAll(
            PropertyCheck.Seeds,
            seed =>
            {
                SearchSpace space = RandomSpaces.Build(seed);
                var study = new Study(space, Metric.Minimize("y"), Create(kind, seed));
                for (int round = 0; round < 4; round++)
                {
                    IReadOnlyList<Trial> batch;
                    try
                    {
                        batch = study.Ask(1 + (round % 3));
                    }
                    catch (SearchSpaceExhaustedException)
                    {
                        Assert.Equal("grid", kind);
                        return;
                    }

                    foreach (Trial trial in batch)
                    {
                        SpaceAssert.Valid(space, trial.Parameters);
                        study.Tell(trial, trial.Id);
                    }
                }
            },
            maxTest: 60);
    }

    [Theory]
    [MemberData(nameof(Suggesters))]
    public void A_seeded_suggester_given_the_same_history_makes_the_same_suggestions(string kind)
    {
        PropertyCheck.ForAll(
            PropertyCheck.Seeds,
            seed =>
            {
                SearchSpace space = RandomSpaces.Build(seed);
                List<ParameterValues> Run()
                {
                    var study = new Study(space, Metric.Minimize("y"), Create(kind, seed));
                    var seen = new List<ParameterValues>();
                    for (int i = 0; i < 5; i++)
                    {
                        try
                        {
                            Trial t = study.Ask();
                            seen.Add(t.Parameters);
                            study.Tell(t, i);
                        }
                        catch (SearchSpaceExhaustedException)
                        {
                            break;
                        }
                    }

                    return seen;
                }

                Assert.Equal(Run(), Run());
            },
            maxTest: 30);
    }

    [Fact]
    public void Different_seeds_give_different_random_and_sobol_suggestions()
    {
        SearchSpace space = new SearchSpaceBuilder().Float("x", 0, 1).Float("y", 0, 1).Build();
        foreach (string kind in new[] { "random", "sobol" })
        {
            ParameterValues a = new Study(space, Metric.Minimize("v"), Create(kind, 1)).Ask().Parameters;
            ParameterValues b = new Study(space, Metric.Minimize("v"), Create(kind, 2)).Ask().Parameters;
            Assert.NotEqual(a, b);
        }
    }

    private static ISuggester Create(string kind, int seed) => kind switch
    {
        "random" => new RandomSuggester(seed),
        "sobol" => new SobolSuggester(seed),
        _ => new GridSuggester(pointsPerAxis: 3),
    };
}
