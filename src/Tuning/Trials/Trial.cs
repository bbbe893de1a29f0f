using System.Globalization;

namespace Tuning;

/// <summary>
/// One evaluation of the objective: the parameters a study chose, and what became of them.
/// Read the parameters with the typed getters; report intermediate values with <see cref="Report"/>;
/// finish it with <see cref="Study.Tell(Trial, double)"/>, <see cref="Study.Fail"/> or <see cref="Study.Prune"/>.
/// </summary>
/// <remarks>A trial is safe to read from any thread; its state changes only through its study.</remarks>
public sealed class Trial
{
    private volatile StoredTrial _record;

    internal Trial(Study study, StoredTrial record, ParameterValues parameters)
    {
        Study = study;
        _record = record;
        Parameters = parameters;
    }

    /// <summary>Gets the trial's id: its number in the study, from 0.</summary>
    public int Id => _record.Number;

    /// <summary>Gets the trial's state.</summary>
    public TrialState State => _record.State;

    /// <summary>Gets a value indicating whether the trial is finished (completed, failed or pruned).</summary>
    public bool IsFinished => _record.State != TrialState.Running;

    /// <summary>Gets the trial's parameters.</summary>
    public ParameterValues Parameters { get; }

    /// <summary>Gets the told values by metric name: every metric for a completed trial; the last report for a pruned one; empty otherwise.</summary>
    public IReadOnlyDictionary<string, double> Values => _record.Values;

    /// <summary>Gets the value of the study's first objective, or <see langword="null"/> if it has none yet.</summary>
    public double? Value => _record.Values.TryGetValue(Study.Objectives[0].Name, out double v) ? v : null;

    /// <summary>
    /// Gets a value indicating whether the trial's told values satisfy every constraint of its study (always in a study
    /// without constraints; never for a trial without the constraint's value, such as a running or failed one).
    /// </summary>
    public bool MeetsConstraints => StudyRules.MeetsConstraints(Study.Metrics, _record.Values);

    /// <summary>Gets the intermediate values reported so far, in step order.</summary>
    public IReadOnlyList<TrialReport> Reports => _record.Reports;

    /// <summary>
    /// Gets whether the trial was pruned after reporting at least once: a result at its last report's step for the
    /// models that learn from stopped runs (<see cref="GaussianProcessOptions.UsePrunedTrials"/>,
    /// <see cref="MultiFidelityOptions.ReportsAreFidelities"/>).
    /// </summary>
    internal bool IsPrunedWithReports => State == TrialState.Pruned && Reports.Count > 0;

    /// <summary>
    /// Gets or sets the latest report that <see cref="Report"/> refused because its value was not finite (a diverged
    /// run), with the exception it threw: an optimize run that sees that exception end the objective fails the trial,
    /// as it fails one whose objective returns such a value, and goes on.
    /// </summary>
    internal (ArgumentException Refusal, TrialReport Report)? DivergedReport { get; set; }

    /// <summary>Gets why the trial failed, or <see langword="null"/>.</summary>
    public string? FailReason => _record.FailReason;

    /// <summary>Gets the user attributes set with <see cref="SetAttribute"/>.</summary>
    public IReadOnlyDictionary<string, string> Attributes => _record.Attributes;

    /// <summary>Gets when the trial started (UTC).</summary>
    public DateTimeOffset StartedAt => _record.StartedAt;

    /// <summary>Gets when the trial finished (UTC), or <see langword="null"/> while it runs.</summary>
    public DateTimeOffset? FinishedAt => _record.FinishedAt;

    /// <summary>Gets how long the trial ran, or has been running so far.</summary>
    public TimeSpan Duration => (_record.FinishedAt ?? Study.Now) - _record.StartedAt;

    /// <summary>Gets the study the trial belongs to.</summary>
    public Study Study { get; }

    internal StoredTrial Record => _record;

    /// <inheritdoc cref="ParameterValues.Fidelity"/>
    public double? Fidelity => Parameters.Fidelity;

    /// <inheritdoc cref="ParameterValues.Task"/>
    public string? Task => Parameters.Task;

    /// <inheritdoc cref="ParameterValues.FidelityCost"/>
    public double FidelityCost => Parameters.FidelityCost;

    /// <inheritdoc cref="ParameterValues.IsAtTargetFidelity"/>
    public bool IsAtTargetFidelity => Parameters.IsAtTargetFidelity;

    /// <inheritdoc cref="ParameterValues.IsActive"/>
    public bool IsActive(string name) => Parameters.IsActive(name);

    /// <inheritdoc cref="ParameterValues.GetDouble"/>
    public double GetDouble(string name) => Parameters.GetDouble(name);

    /// <inheritdoc cref="ParameterValues.GetFloat"/>
    public float GetFloat(string name) => Parameters.GetFloat(name);

    /// <inheritdoc cref="ParameterValues.GetInt"/>
    public int GetInt(string name) => Parameters.GetInt(name);

    /// <inheritdoc cref="ParameterValues.GetString"/>
    public string GetString(string name) => Parameters.GetString(name);

    /// <inheritdoc cref="ParameterValues.GetBool"/>
    public bool GetBool(string name) => Parameters.GetBool(name);

    /// <summary>Reports an intermediate value of the first objective, such as the validation loss after an epoch.</summary>
    /// <param name="step">The step (epoch, iteration, resource); non-negative and greater than every earlier step.</param>
    /// <param name="value">The value at that step; finite.</param>
    /// <exception cref="InvalidOperationException">
    /// The trial is already finished: by this study, or by another worker meanwhile (failed as stale while this one was
    /// paused past its grace period, say), and the trial then shows that stored state. In <c>Optimize</c> and
    /// <c>OptimizeAsync</c> an objective may let this exception go: the stored verdict stands, and the run goes on.
    /// </exception>
    /// <exception cref="ArgumentException">
    /// The value is not finite, or the step is negative or does not increase. In <c>Optimize</c> and
    /// <c>OptimizeAsync</c> an objective that lets this exception for a value that is not finite go (a diverged run)
    /// fails its trial, as one that returns such a value does, and the run goes on.
    /// </exception>
    /// <remarks>
    /// A report is one write to the study's storage, and the SQLite and PostgreSQL storages keep a trial's reports as one
    /// value that each report reads and writes whole (as <see cref="StoredTrialCodec.WriteReports"/> forms it), so a
    /// report costs more as its trial's reports grow: a trial of 1,000 reports spends about 0.4 s on them in a SQLite
    /// file, one of 4,000 about 5 s, growing with the square of the count. Report once an epoch or at the steps a pruner
    /// judges, not after every batch.
    /// </remarks>
    public void Report(long step, double value) => Study.Report(this, new TrialReport(step, value));

    /// <summary>
    /// Sets a user attribute, kept with the trial (for example a model path or a git commit); a finished trial takes
    /// attributes too. Setting a key again replaces its value.
    /// </summary>
    /// <param name="key">The attribute's name.</param>
    /// <param name="value">The attribute's value.</param>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="value"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="key"/> is empty or white space, or the key or the value holds a lone UTF-16 surrogate, which no
    /// storage can keep.
    /// </exception>
    public void SetAttribute(string key, string value) => Study.SetAttribute(this, key, value);

    /// <summary>
    /// Returns the trial's id, state, value and parameters, numbers written in the invariant culture; with two objectives,
    /// the value of each objective the trial has, by name.
    /// </summary>
    /// <returns>
    /// For example <c>#3 Completed value=0.12 (lr=0.001, layers=3)</c>, or <c>#3 Completed accuracy=0.93, latency_ms=12 (…)</c>
    /// with two objectives.
    /// </returns>
    public override string ToString()
    {
        IReadOnlyList<Metric> objectives = Study.Objectives;
        IEnumerable<string> values = objectives.Count == 1
            ? Value is double v ? [string.Create(CultureInfo.InvariantCulture, $"value={v:G6}")] : []
            : objectives.Where(m => Values.ContainsKey(m.Name)).Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Name}={Values[m.Name]:G6}"));
        string told = string.Join(", ", values);
        return $"#{Id.ToString(CultureInfo.InvariantCulture)} {State}{(told.Length > 0 ? " " + told : string.Empty)} ({Parameters})";
    }

    /// <summary>
    /// A copy of the trial as it is now, which later changes to the trial leave as it is: what a
    /// <see cref="StudySnapshot"/> holds.
    /// </summary>
    internal Trial Frozen() => new(Study, _record, Parameters);

    internal void Update(StoredTrial record)
    {
        if (record.Revision >= _record.Revision)
        {
            _record = record;
        }
    }
}
