using Tuning.Tests.Support;

namespace Tuning.Tests.Trials;

/// <summary>An ask refuses what a suggester of one's own returns against the <see cref="ISuggester"/> contract, saying what it returned, as documented.</summary>
public class SuggesterContractTests
{
    private static readonly SearchSpace Space = new SearchSpaceBuilder().Float("x", 0, 1).Build();

    [Theory]
    [InlineData("null", "returned null; 2 were asked for")]
    [InlineData("null point", "returned null as suggestion 1 of 2")]
    [InlineData("too few", "returned 1 suggestions; 2 were asked for")]
    public void A_broken_suggestion_is_named_and_starts_no_trial(string broken, string expected)
    {
        var study = new Study(Space, Metric.Minimize("y"), new BrokenSuggester(broken));

        var e = Assert.Throws<InvalidOperationException>(() => study.Ask(2));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Empty(study.Trials);
        Assert.Contains("null point", PublicDocs.Exception("M:Tuning.Study.Ask(System.Int32)", typeof(InvalidOperationException)), StringComparison.Ordinal);
    }

    private sealed class BrokenSuggester(string broken) : ISuggester
    {
        public IReadOnlyList<ParameterValues> Suggest(SuggestionContext context, int count)
        {
            IReadOnlyList<ParameterValues> points = new RandomSuggester(seed: 1).Suggest(context, count);
            return broken switch
            {
                "null" => null!,
                "null point" => [points[0], null!],
                _ => [points[0]],
            };
        }
    }
}
