namespace Tuning;

/// <summary>
/// A study's copy of its stored trials, as <see cref="Trial"/> objects: the one place where trials read from the
/// storage are merged into what the study already holds. It is kept up to date by reading only the trials changed
/// since its <see cref="Revision"/>, so that an ask on a study of many trials copies and parses only what changed.
/// </summary>
/// <remarks>
/// Correct because storages hand out revisions so that a reader never sees a change without every change of a lower
/// revision (see <see cref="StoredTrial.Revision"/>). A trial's object is created once and updated in place, so a
/// <see cref="Trial"/> the caller holds always shows the latest state the study has read. Not thread-safe: the study
/// calls it under its lock.
/// </remarks>
internal sealed class TrialHistory(Study study)
{
    private readonly List<Trial> _trials = [];
    private readonly SortedSet<int> _unchecked = [];

    /// <summary>
    /// Gets the best result among the trials merged so far, as <see cref="Study.FindBest"/> chooses it from all of them,
    /// or <see langword="null"/> if none is a result (always with two objectives). Kept as trials are merged, so that the
    /// best trial of a large study is not searched for again at every call: a result stays a result, with its values.
    /// </summary>
    public Trial? Best { get; private set; }

    /// <summary>
    /// Gets whether a result without the objective's value was merged (a trial stored by other means than a tell): then
    /// <see cref="Best"/> is not kept, and the study searches every trial for it as before.
    /// </summary>
    public bool BestUnknown { get; private set; }

    /// <summary>Gets the revision up to which every change is merged.</summary>
    public long Revision { get; private set; }

    /// <summary>Gets the number of trials.</summary>
    public int Count => _trials.Count;

    /// <summary>Gets the trials in number order; a live view, which callers copy before releasing the study's lock.</summary>
    public IReadOnlyList<Trial> Trials => _trials;

    /// <summary>Gets a trial by number.</summary>
    public Trial this[int number] => _trials[number];

    /// <summary>
    /// Gets the trials added or updated since <see cref="MarkChecked"/>, in number order: those an ask's
    /// <see cref="SuggestionContext"/> has yet to check. Every change of a trial reaches the history through
    /// <see cref="Put"/> before the next ask's suggester runs, since the ask merges every trial changed since <see cref="Revision"/>.
    /// </summary>
    public IEnumerable<Trial> Unchecked => _unchecked.Select(number => _trials[number]);

    /// <summary>Records that every trial passed the suggestion context's checks as it is now.</summary>
    public void MarkChecked() => _unchecked.Clear();

    /// <summary>
    /// Merges the trials the storage read with <c>revision &gt; </c><see cref="Revision"/> (in number order), and moves
    /// <see cref="Revision"/> to the highest one merged.
    /// </summary>
    /// <param name="changed">The changed trials.</param>
    /// <returns><see langword="false"/> if they leave a gap in the numbers: nothing past the gap is merged; merge every trial instead.</returns>
    public bool Merge(IReadOnlyList<StoredTrial> changed)
    {
        long revision = Revision;
        foreach (StoredTrial record in changed)
        {
            if (Put(record, parameters: null) is null)
            {
                return false;
            }

            revision = Math.Max(revision, record.Revision);
        }

        Revision = revision;
        return true;
    }

    /// <summary>
    /// Adds or updates one trial without moving <see cref="Revision"/>: for the trials an ask of this study just started,
    /// whose parameters the study already holds (so their JSON is not parsed back).
    /// </summary>
    /// <param name="record">The trial as stored.</param>
    /// <param name="parameters">Its parameters if known, else <see langword="null"/> to read them from <paramref name="record"/>.</param>
    /// <returns>The trial's object, or <see langword="null"/> if its number would leave a gap.</returns>
    public Trial? Put(StoredTrial record, ParameterValues? parameters)
    {
        if (record.Number < _trials.Count)
        {
            Trial known = _trials[record.Number];
            known.Update(record);
            _unchecked.Add(record.Number);
            ConsiderForBest(known);
            return known;
        }

        if (record.Number > _trials.Count)
        {
            return null;
        }

        var trial = new Trial(study, record, parameters ?? ReadParameters(record));
        _trials.Add(trial);
        _unchecked.Add(record.Number);
        ConsiderForBest(trial);
        return trial;
    }

    /// <summary>Makes <paramref name="trial"/> the best result if it beats the best so far (<see cref="Study.IsBetterResult"/>).</summary>
    private void ConsiderForBest(Trial trial)
    {
        if (study.Objectives.Count > 1 || !study.IsResult(trial) || ReferenceEquals(trial, Best))
        {
            return;
        }

        if (!trial.Values.ContainsKey(study.Objectives[0].Name))
        {
            BestUnknown = true;
            return;
        }

        if (Best is null || study.IsBetterResult(trial, Best))
        {
            Best = trial;
        }
    }

    private ParameterValues ReadParameters(StoredTrial record)
    {
        try
        {
            return ParametersJson.Read(study.Space, record.Parameters);
        }
        catch (FormatException e)
        {
            throw new FormatException($"Trial #{record.Number} of the study '{study.Name}' cannot be read: {e.Message}", e);
        }
    }
}
