using System.Globalization;
using System.Text;

namespace Tuning.Reporting;

/// <summary>
/// The table of every trial: number, state, a column per metric, per parameter, the fidelity, a column per attribute
/// key, duration, start and why it failed (wrapped, never cut). Each cell carries its sort key, so the page's script
/// sorts numbers as numbers; rows carry their state for the state filter. The best trial or the Pareto front is
/// highlighted and values that break a constraint are marked.
/// </summary>
internal static class TrialTable
{
    /// <summary>Writes the table; <paramref name="trialLink"/> gives the address of a trial's own page, if there is one.</summary>
    public static void Write(StringBuilder html, StudySnapshot snapshot, Func<Trial, string?>? trialLink = null)
    {
        Study study = snapshot.Study;
        string[] attributes = [.. snapshot.Trials.SelectMany(t => t.Attributes.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        Fidelity? fidelity = study.Space.Fidelity;
        html.Append("<table class=\"trials\" id=\"trials\">\n<thead><tr>");
        Header(html, "#", "number");
        Header(html, "state", "text");
        foreach (Metric metric in study.Metrics)
        {
            Header(html, metric.Name, "number", metric.Kind.ToString().ToLowerInvariant());
        }

        foreach (Parameter parameter in study.Space.Parameters)
        {
            Header(html, parameter.Name, parameter.Kind == ParameterKind.Categorical ? "text" : "number", "parameter");
        }

        if (fidelity is not null)
        {
            Header(html, fidelity.Name, (fidelity.Kind == FidelityKind.Tasks) ? "text" : "number", "fidelity");
        }

        foreach (string key in attributes)
        {
            Header(html, key, "text", "attribute");
        }

        Header(html, "duration", "number");
        Header(html, "started (UTC)", "text");
        Header(html, "fail reason", "text");
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (Trial trial in snapshot.Trials)
        {
            Row(html, snapshot, trial, attributes, trialLink);
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static void Row(StringBuilder html, StudySnapshot snapshot, Trial trial, string[] attributes, Func<Trial, string?>? trialLink)
    {
        Study study = snapshot.Study;
        string state = trial.State.ToString().ToLowerInvariant();
        bool highlighted = IsBest(snapshot, trial);
        html.Append($"<tr class=\"{state}{(highlighted ? " best" : string.Empty)}\" data-state=\"{state}\" data-trial=\"{trial.Id.ToString(CultureInfo.InvariantCulture)}\"{(highlighted ? " data-front=\"true\"" : string.Empty)}>");
        string id = trial.Id.ToString(CultureInfo.InvariantCulture);
        string? link = trialLink?.Invoke(trial);
        html.Append($"<td class=\"num\" data-sort=\"{id}\">");
        html.Append(link is null ? id : $"<a href=\"{HtmlText.Encode(link)}\">{id}</a>");
        html.Append("</td>");
        string stateText = state + (trial.State == TrialState.Completed && !snapshot.IsFeasible(trial) ? " (infeasible)" : string.Empty)
            + (trial.State == TrialState.Completed && snapshot.HasFidelity && !trial.IsAtTargetFidelity ? " (lower fidelity)" : string.Empty);
        Cell(html, stateText, null);
        foreach (Metric metric in study.Metrics)
        {
            if (trial.Values.TryGetValue(metric.Name, out double value))
            {
                Cell(html, Numbers.Measured(metric, value), Sortable(value), metric.IsSatisfiedBy(value) ? "num" : "num infeasible");
            }
            else
            {
                html.Append("<td></td>");
            }
        }

        foreach (Parameter parameter in study.Space.Parameters)
        {
            if (ParameterScale.Number(trial, parameter) is double number)
            {
                Cell(html, ParameterScale.FormatLong(parameter, number), parameter.Kind == ParameterKind.Categorical ? null : Sortable(number), "num");
            }
            else
            {
                Cell(html, "–", null, "num inactive");
            }
        }

        if (study.Space.Fidelity is not null)
        {
            Cell(html, trial.Task ?? Numbers.Long(trial.Fidelity ?? double.NaN), trial.Fidelity is double f ? Sortable(f) : null, "num");
        }

        foreach (string key in attributes)
        {
            Cell(html, trial.Attributes.TryGetValue(key, out string? value) ? value : string.Empty, null, "attribute");
        }

        TimeSpan duration = trial.IsFinished ? trial.Duration : snapshot.TakenAt - trial.StartedAt;
        Cell(html, trial.IsFinished ? Numbers.Duration(duration) : "running", Sortable(duration.TotalSeconds), "num");
        Cell(html, trial.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), null);
        html.Append("<td class=\"reason\">");
        if (trial.FailReason is string reason)
        {
            html.Element("div", reason, "reason-text");
        }

        html.Append("</td>");
        html.Append("</tr>\n");
    }

    /// <summary>
    /// Whether a trial is the one the table highlights as best: with one objective <see cref="StudySnapshot.BestTrial"/>
    /// alone (a later trial that ties with it is not), with two any trial on the Pareto front.
    /// </summary>
    internal static bool IsBest(StudySnapshot snapshot, Trial trial) =>
        snapshot.Study.Objectives.Count == 1 ? snapshot.BestTrial?.Id == trial.Id : snapshot.IsOnParetoFront(trial);

    private static void Header(StringBuilder html, string text, string type, string? kind = null) =>
        html.Append($"<th data-type=\"{type}\"{(kind is null ? string.Empty : $" class=\"{kind}\"")} title=\"Sort by {HtmlText.Encode(text)}\">")
            .Append(HtmlText.Encode(text)).Append("</th>");

    private static void Cell(StringBuilder html, string? text, string? sortKey, string? cssClass = null)
    {
        html.Append("<td");
        if (cssClass is not null)
        {
            html.Append($" class=\"{cssClass}\"");
        }

        if (sortKey is not null)
        {
            html.Append($" data-sort=\"{sortKey}\"");
        }

        html.Append('>').Append(HtmlText.Encode(text)).Append("</td>");
    }

    private static string Sortable(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
