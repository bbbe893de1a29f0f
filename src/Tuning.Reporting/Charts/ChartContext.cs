using System.Text;
using System.Text.Json.Nodes;

namespace Tuning.Reporting;

/// <summary>
/// What every chart reads: the snapshot, the importances, the completed trials in groups, and each trial's hover text
/// (its number, state, values and parameters), built once and shared by the charts.
/// </summary>
internal sealed class ChartContext
{
    private readonly Dictionary<int, string> _hover = [];

    public ChartContext(StudySnapshot snapshot, IReadOnlyList<ParameterImportance> importances)
    {
        Snapshot = snapshot;
        Importances = importances;
        Completed = [.. snapshot.Trials.Where(t => t.State == TrialState.Completed)];
    }

    public StudySnapshot Snapshot { get; }

    public Study Study => Snapshot.Study;

    public SearchSpace Space => Study.Space;

    public IReadOnlyList<Metric> Objectives => Study.Objectives;

    public IReadOnlyList<ParameterImportance> Importances { get; }

    /// <summary>Gets the completed trials in id order: results, infeasible ones and ones at a lower fidelity.</summary>
    public IReadOnlyList<Trial> Completed { get; }

    /// <summary>Gets the completed trials at the target fidelity (feasible or not): the ones whose values compare with each other.</summary>
    public IEnumerable<Trial> CompletedAtTarget => Completed.Where(t => t.IsAtTargetFidelity);

    /// <summary>Sorts a completed trial into the group a chart draws it in (see <see cref="TrialGroups.Of"/>).</summary>
    public TrialGroup GroupOf(Trial trial) => TrialGroups.Of(Snapshot, trial);

    /// <summary>Gets the hover text of every trial a chart has shown, by trial id (see <see cref="HoverIds"/>).</summary>
    public IReadOnlyDictionary<int, string> Hovers => _hover;

    /// <summary>
    /// The ids of the trials behind a trace's points, as its <c>trialIds</c>: the page's script fills the trace's hover
    /// text from the view's shared <see cref="Hovers"/>, so that a trial's text, which lists every parameter, is sent
    /// once and not once per chart that shows the trial.
    /// </summary>
    public JsonArray HoverIds(IEnumerable<Trial> trials) => [.. trials.Select(t =>
    {
        Hover(t);
        return (JsonNode?)JsonValue.Create(t.Id);
    })];

    /// <summary>The hover text of a trial: its number and state, its told values, its parameters and its fidelity.</summary>
    public string Hover(Trial trial)
    {
        if (_hover.TryGetValue(trial.Id, out string? text))
        {
            return text;
        }

        var hover = new StringBuilder();
        hover.Append("<b>Trial #").Append(trial.Id).Append("</b> (").Append(StateName(trial.State));
        if (trial.State == TrialState.Completed && !Snapshot.IsFeasible(trial))
        {
            hover.Append(", breaks a constraint");
        }

        hover.Append(')');
        foreach (Metric metric in Study.Metrics)
        {
            if (trial.Values.TryGetValue(metric.Name, out double value))
            {
                hover.Append("<br>").Append(Plotly.Text(metric.Name)).Append(" = ").Append(Numbers.Measured(metric, value));
            }
        }

        foreach (Parameter parameter in Space.Parameters)
        {
            if (ParameterScale.Number(trial, parameter) is double number)
            {
                hover.Append("<br>").Append(Plotly.Text(parameter.Name)).Append(" = ").Append(Plotly.Text(ParameterScale.FormatLong(parameter, number)));
            }
        }

        if (Space.Fidelity is Fidelity fidelity)
        {
            string level = trial.Task ?? Numbers.Long(trial.Fidelity ?? double.NaN);
            hover.Append("<br>").Append(Plotly.Text(fidelity.Name)).Append(" = ").Append(Plotly.Text(level)).Append(trial.IsAtTargetFidelity ? " (target)" : string.Empty);
        }

        text = hover.ToString();
        _hover[trial.Id] = text;
        return text;
    }

    public static string StateName(TrialState state) => state.ToString().ToLowerInvariant();
}
