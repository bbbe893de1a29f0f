namespace Tuning.Benchmarks.RunningStudy;

/// <summary>
/// Suggests the first <c>historySize</c> trials at random, then hands over to the suggester under test: a study with
/// a random history of n completed trials that goes on as a user's study would, built with the public API only.
/// </summary>
internal sealed class HistoryThenSuggester(int historySize, int seed, ISuggester next) : ISuggester
{
    private readonly RandomSuggester _history = new(seed);

    public IReadOnlyList<ParameterValues> Suggest(SuggestionContext context, int count) =>
        context.Trials.Count < historySize ? _history.Suggest(context, Math.Min(count, historySize - context.Trials.Count)) : next.Suggest(context, count);
}
