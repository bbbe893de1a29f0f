namespace Tuning;

/// <summary>
/// The <see cref="TrialProposer"/> of one <see cref="Study.Ask(int)"/>: under the storage's ask lock it brings the
/// study's history up to date with the snapshot, runs the suggester on it (the claimed trials pending like the running
/// ones), checks what the suggester returned and writes it as the JSON the storage keeps. It remembers the parameters
/// behind every trial it proposed or claimed, so that the ask wraps the started trials without parsing their JSON back.
/// </summary>
internal sealed class AskProposal(Study study)
{
    private readonly Dictionary<int, (string Json, ParameterValues Values)> _known = [];

    /// <summary>Gets a value indicating whether the storage called the proposer (it does not when the queue fills the ask).</summary>
    public bool WasCalled { get; private set; }

    /// <summary>Gets how long the proposer ran, on the study's clock, over every call (a storage may retry an ask).</summary>
    public TimeSpan Duration { get; private set; }

    /// <summary>Gets the exception the proposer threw (the suggester's, say), if it threw; the storage passes it on as it is.</summary>
    public Exception? Thrown { get; private set; }

    /// <summary>The proposer itself; runs under the storage's ask lock and the study's lock.</summary>
    public IReadOnlyList<string> Propose(AskSnapshot snapshot)
    {
        DateTimeOffset start = study.Now;
        try
        {
            return ProposeCore(snapshot);
        }
        catch (Exception e)
        {
            Thrown = e;
            throw;
        }
        finally
        {
            Duration += study.Now - start;
        }
    }

    private string[] ProposeCore(AskSnapshot snapshot)
    {
        WasCalled = true;
        _known.Clear();
        study.Merge(snapshot.Changed);
        var claimed = new Trial[snapshot.Claimed.Count];
        for (int i = 0; i < claimed.Length; i++)
        {
            // Claimed from the queue in this very ask and not yet committed: wrapped for the suggester, not kept.
            StoredTrial record = snapshot.Claimed[i];
            ParameterValues values = ParametersJson.Read(study.Space, record.Parameters);
            _known[record.Number] = (record.Parameters, values);
            claimed[i] = new Trial(study, record, values);
        }

        IReadOnlyList<ParameterValues> suggestions = Suggest(new PendingHistory(study.History, claimed), [.. study.History.Unchecked, .. claimed], snapshot.Count);
        int first = snapshot.Claimed.Count > 0 ? snapshot.Claimed[^1].Number + 1 : study.History.Count;
        var json = new string[suggestions.Count];
        for (int i = 0; i < json.Length; i++)
        {
            json[i] = ParametersJson.Write(suggestions[i]);
            _known[first + i] = (json[i], suggestions[i]);
        }

        return json;
    }

    /// <summary>The parameters behind a trial this ask started, or <see langword="null"/> if it did not propose or claim it.</summary>
    public ParameterValues? ValuesOf(StoredTrial started) =>
        _known.TryGetValue(started.Number, out (string Json, ParameterValues Values) known) && known.Json == started.Parameters ? known.Values : null;

    /// <summary>Runs the suggester on <paramref name="trials"/>, of which only <paramref name="toCheck"/> are checked (see <see cref="TrialHistory.Unchecked"/>).</summary>
    private IReadOnlyList<ParameterValues> Suggest(IReadOnlyList<Trial> trials, Trial[] toCheck, int count)
    {
        ISuggester suggester = study.Suggester;
        var context = new SuggestionContext(study.Space, study.Metrics, trials, toCheck);
        study.History.MarkChecked();
        ModelFit? fit = null;
        IReadOnlyList<ParameterValues> suggestions = suggester is IModelBasedSuggester modelBased
            ? modelBased.Suggest(context, count, out fit)
            : suggester.Suggest(context, count);
        if (fit is not null && study.Options.Listener is StudyListener listener)
        {
            listener.OnModelFitted(study, fit);
        }

        if (suggestions is null || suggestions.Count != count)
        {
            throw new InvalidOperationException(
                $"The suggester {suggester.GetType().Name} returned {(suggestions is null ? "null" : $"{suggestions.Count} suggestions")}; {count} were asked for.");
        }

        for (int i = 0; i < suggestions.Count; i++)
        {
            if (suggestions[i] is null)
            {
                throw new InvalidOperationException($"The suggester {suggester.GetType().Name} returned null as suggestion {i} of {count}.");
            }

            if (!suggestions[i].Space.IsEquivalentTo(study.Space))
            {
                throw new InvalidOperationException($"The suggester {suggester.GetType().Name} returned a point of another search space.");
            }
        }

        return suggestions;
    }

    /// <summary>
    /// The history as the suggester sees it during an ask: the study's trials up to now, then the trials claimed from the
    /// queue, without copying either (a study of 50,000 trials is not copied at every ask).
    /// </summary>
    private sealed class PendingHistory(TrialHistory history, Trial[] claimed) : IReadOnlyList<Trial>
    {
        private readonly int _stored = history.Count;

        public int Count => _stored + claimed.Length;

        public Trial this[int index] => index < _stored ? history[index] : claimed[index - _stored];

        public IEnumerator<Trial> GetEnumerator()
        {
            for (int i = 0; i < Count; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
