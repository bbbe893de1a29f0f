using System.Collections;

namespace Tuning.Tests.Suggesters;

/// <summary>One Sobol suggester serving studies of different spaces at once.</summary>
public sealed class SharedSobolSuggesterTests
{
    private static readonly SearchSpace Plane = new SearchSpaceBuilder().Float("x", 0, 1).Float("y", 0, 1).Build();

    private static readonly SearchSpace FiveD = new SearchSpaceBuilder()
        .Float("a", 0, 1).Float("b", 0, 1).Float("c", 0, 1).Float("d", 0, 1).Float("e", 0, 1).Build();

    [Fact]
    public void A_suggestion_for_another_space_in_the_middle_of_one_leaves_it_what_a_suggester_of_its_own_suggests()
    {
        // The other study's ask runs while this one reads its history, as another thread's ask may.
        var shared = new SobolSuggester(seed: 3);
        var history = new InterleavingHistory(() => shared.Suggest(new SuggestionContext(FiveD, [Metric.Minimize("loss")], []), 1));
        var context = new SuggestionContext(Plane, [Metric.Minimize("loss")], history);
        history.Armed = true;

        IReadOnlyList<ParameterValues> suggested = shared.Suggest(context, 3);

        IReadOnlyList<ParameterValues> expected = new SobolSuggester(seed: 3).Suggest(new SuggestionContext(Plane, [Metric.Minimize("loss")], []), 3);
        Assert.Equal(expected, suggested);
        Assert.False(history.Armed);
    }

    /// <summary>An empty history that runs another suggestion the first time its count is read once armed.</summary>
    private sealed class InterleavingHistory(Action interleave) : IReadOnlyList<Trial>
    {
        public bool Armed { get; set; }

        public int Count
        {
            get
            {
                if (Armed)
                {
                    Armed = false;
                    interleave();
                }

                return 0;
            }
        }

        public Trial this[int index] => throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<Trial> GetEnumerator() => Enumerable.Empty<Trial>().GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
