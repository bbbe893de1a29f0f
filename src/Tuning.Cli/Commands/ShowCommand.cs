using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Tuning.Cli.Output;
using Tuning.Cli.Storage;
using Tuning.Reporting;

namespace Tuning.Cli.Commands;

/// <summary>
/// <c>tuning show STUDY</c>: the search space, the metrics, every trial (id, state, values, parameters, duration, fail
/// reason), and the best trial, or the Pareto front and its hypervolume for two objectives. With <c>--format json</c>: the
/// study as <see cref="Study.ToJson"/> writes it, with its storage, creation time and best trial (or front) added.
/// </summary>
internal static class ShowCommand
{
    public static Command Create(CliContext context)
    {
        Option<string> format = Formats.Option("the study as Study.ToJson writes it, with its storage, creation time and best trial (or Pareto front)");
        return StudyCommand.Create(
            context,
            "show",
            "Shows a study: its space, metrics, trials, and best trial (or Pareto front).",
            (parse, store, study) => parse.GetValue(format) == Formats.Json ? ExecuteJson(store, study, context.Output) : Execute(store, study, context.Output),
            format);
    }

    private static int ExecuteJson(StudyStore store, string name, TextWriter output)
    {
        (StoredStudy stored, Study study) = store.OpenStudy(name);

        // The result is read first: trials are only added and finished, so every trial it names is in the later export.
        var snapshot = new StudySnapshot(study);
        var node = (JsonObject)JsonNode.Parse(study.ToJson())!;
        node["storage"] = store.Location.Display;
        node["created"] = JsonOutput.Time(stored.CreatedAt);
        JsonOutput.AddResult(node, snapshot);
        JsonOutput.Write(output, node);
        return ExitCodes.Ok;
    }

    private static int Execute(StudyStore store, string name, TextWriter output)
    {
        (StoredStudy stored, Study study) = store.OpenStudy(name);
        var snapshot = new StudySnapshot(study);

        output.WriteLine($"Study:    {study.Name.ReplaceLineEndings(" ")}"); // one line, whatever the name holds
        output.WriteLine($"Storage:  {store.Location.Display}");
        output.WriteLine($"Created:  {Text.Time(stored.CreatedAt)}");
        output.WriteLine();

        Fidelity? fidelity = study.Space.Fidelity;
        output.WriteLine($"Search space ({Numbers.Count(study.Space.Count, "parameter")}{(fidelity is null ? string.Empty : $" and the fidelity {fidelity.Name}")}):");
        var space = new TextTable("name", "domain");
        foreach (Parameter p in study.Space.Parameters)
        {
            space.Add(p.Name, Describe.Parameter(p));
        }

        if (fidelity is not null)
        {
            space.Add(fidelity.Name, fidelity.ToString()[(fidelity.Name.Length + 2)..]);
        }

        space.Write(output, "  ");
        output.WriteLine();

        output.WriteLine("Metrics:");
        var metrics = new TextTable("name", "kind");
        foreach (Metric m in study.Metrics)
        {
            metrics.Add(m.Name, Describe.Metric(m));
        }

        metrics.Write(output, "  ");
        output.WriteLine();

        WriteTrials(output, snapshot);
        output.WriteLine();
        if (study.Objectives.Count == 1)
        {
            WriteBest(output, snapshot);
        }
        else
        {
            WriteFront(output, snapshot);
        }

        return ExitCodes.Ok;
    }

    private static void WriteTrials(TextWriter output, StudySnapshot snapshot)
    {
        Study study = snapshot.Study;
        IReadOnlyList<Trial> trials = snapshot.Trials;
        if (trials.Count == 0)
        {
            output.WriteLine("Trials: none yet.");
            return;
        }

        output.WriteLine($"Trials: {Count(trials.Count)} ({Text.StateCounts(trials)})");
        bool anyInfeasible = false, anyBelowTarget = false;
        bool withFailReason = trials.Any(t => t.FailReason is not null);
        TextTable table = TrialTable(study, withFailReason);
        foreach (Trial trial in trials)
        {
            bool infeasible = trial.State == TrialState.Completed && !trial.MeetsConstraints;
            bool belowTarget = trial.State == TrialState.Completed && !trial.IsAtTargetFidelity;
            anyInfeasible |= infeasible;
            anyBelowTarget |= belowTarget;
            AddTrial(table, study, trial, Text.StateName(trial.State) + (infeasible ? "*" : string.Empty) + (belowTarget ? "°" : string.Empty), withFailReason);
        }

        table.Write(output, "  ");
        if (anyInfeasible)
        {
            output.WriteLine("  * completed, but breaks a constraint");
        }

        if (anyBelowTarget)
        {
            output.WriteLine("  ° completed below the target fidelity: not a result, its value does not compare with the target's");
        }
    }

    private static void WriteBest(TextWriter output, StudySnapshot snapshot)
    {
        Study study = snapshot.Study;
        if (snapshot.BestTrial is not Trial best)
        {
            output.WriteLine($"Best trial: none yet. {snapshot.NoResultReason}, so there is no best trial.");
            return;
        }

        output.WriteLine($"Best trial: #{Count(best.Id)}");
        output.WriteLine($"  values:     {Describe.Values(best, study.Metrics)}");
        output.WriteLine($"  parameters: {Describe.Parameters(best)}");
        output.WriteLine($"  duration:   {Text.Duration(best.Duration)}");
    }

    private static void WriteFront(TextWriter output, StudySnapshot snapshot)
    {
        Study study = snapshot.Study;
        IReadOnlyList<Trial> front = snapshot.ParetoFront;
        if (front.Count == 0)
        {
            output.WriteLine($"Pareto front: none yet. {snapshot.NoResultReason}, so there is no Pareto front to measure.");
            return;
        }

        output.WriteLine($"Pareto front: {Numbers.Count(front.Count, "trial")} ({string.Join(", ", front.Select(t => "#" + Count(t.Id)))})");
        TextTable table = TrialTable(study, withFailReason: false);
        foreach (Trial trial in front)
        {
            AddTrial(table, study, trial, Text.StateName(trial.State), withFailReason: false);
        }

        table.Write(output, "  ");
        FrontMeasure measure = FrontMeasure.Of(snapshot);
        string point = string.Join(", ", study.Objectives.Select((m, j) => $"{m.Name} = {Text.Number(measure.Reference[j])}"));
        output.WriteLine(measure.Hypervolume is double hypervolume
            ? $"Hypervolume: {Text.Number(hypervolume)} (reference point {point}, inferred from the front)"
            : $"Hypervolume: none (reference point {point}, inferred from the front). {measure.Why}");
    }

    /// <summary>
    /// A table with one column per metric, per parameter and for the fidelity, between the id and state and the duration
    /// (and the fail reason).
    /// </summary>
    private static TextTable TrialTable(Study study, bool withFailReason)
    {
        List<string> headers = [">id", "state", .. study.Metrics.Select(m => ">" + m.Name), .. study.Space.Parameters.Select(p => Header(p))];
        if (study.Space.Fidelity is Fidelity fidelity)
        {
            headers.Add(fidelity.Kind == FidelityKind.Tasks ? fidelity.Name : ">" + fidelity.Name);
        }

        headers.Add(">duration");
        if (withFailReason)
        {
            headers.Add("fail reason");
        }

        return new TextTable(headers);
    }

    private static void AddTrial(TextTable table, Study study, Trial trial, string state, bool withFailReason)
    {
        List<string> cells =
        [
            Count(trial.Id),
            state,
            .. study.Metrics.Select(m => trial.Values.TryGetValue(m.Name, out double v) ? Numbers.Measured(m, v, Text.Number) : "-"),
            .. study.Space.Parameters.Select(p => trial.IsActive(p.Name) ? Text.Value(trial.Parameters[p.Name]) : "-"),
        ];
        if (study.Space.Fidelity is not null)
        {
            cells.Add(trial.Task ?? Text.Number(trial.Fidelity!.Value));
        }

        cells.Add(Text.Duration(trial.Duration));
        if (withFailReason)
        {
            cells.Add(trial.FailReason is string reason ? Text.OneLine(reason) : string.Empty);
        }

        table.Add(cells);
    }

    /// <summary>Numbers are right-aligned, categorical values left-aligned.</summary>
    private static string Header(Parameter p) => p.Kind == ParameterKind.Categorical ? p.Name : ">" + p.Name;

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}
