using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Tuning.Cli.Output;
using Tuning.Cli.Storage;

namespace Tuning.Cli.Commands;

/// <summary>
/// <c>tuning studies [--format text|json]</c>: one line per study with its creation time, trial counts by state and best
/// value or front size; or, as JSON, one object per study with the same and the best trial's values (or the front's trials).
/// </summary>
internal static class StudiesCommand
{
    public static Command Create(CliContext context)
    {
        Option<string> format = Formats.Option("an array with one object per study");
        var command = new Command("studies", "Lists the studies: name, created, trial counts by state, and the best value (or the Pareto front's size).") { format };
        command.SetAction(parse => context.Run(parse, store => parse.GetValue(format) == Formats.Json
            ? ExecuteJson(store, context.Output, context.Error)
            : Execute(store, context.Output, context.Error)));
        return command;
    }

    private static int ExecuteJson(StudyStore store, TextWriter output, TextWriter error)
    {
        var studies = new JsonArray();
        int unreadable = 0;
        foreach (StoredStudy stored in store.ListStudies())
        {
            var node = new JsonObject { ["name"] = stored.Name, ["created"] = JsonOutput.Time(stored.CreatedAt) };
            try
            {
                if (OpenListed(store, stored, error) is not Study study)
                {
                    continue;
                }

                var snapshot = new StudySnapshot(study);
                node["trials"] = snapshot.Trials.Count;
                foreach (TrialState state in Text.StateOrder)
                {
                    node[Text.StateName(state)] = snapshot.Count(state);
                }

                node["objectives"] = new JsonArray([.. study.Objectives.Select(m => (JsonNode?)new JsonObject { ["name"] = m.Name, ["kind"] = m.Kind.ToString().ToLowerInvariant() })]);
                JsonOutput.AddResult(node, snapshot);
            }
            catch (FormatException e)
            {
                error.WriteLine($"error: the study '{stored.Name}' cannot be read: {e.Message}");
                node["error"] = e.Message;
                unreadable++;
            }

            studies.Add(node);
        }

        JsonOutput.Write(output, studies);
        return unreadable == 0 ? ExitCodes.Ok : ExitCodes.Failure;
    }

    private static int Execute(StudyStore store, TextWriter output, TextWriter error)
    {
        IReadOnlyList<StoredStudy> studies = store.ListStudies();
        if (studies.Count == 0)
        {
            error.WriteLine($"{store.Location.Display} holds no study.");
            return ExitCodes.Ok;
        }

        var table = new TextTable("name", "created", ">trials", ">completed", ">pruned", ">failed", ">running", "best");
        int unreadable = 0;
        foreach (StoredStudy stored in studies)
        {
            Study? study;
            try
            {
                study = OpenListed(store, stored, error);
            }
            catch (FormatException e)
            {
                error.WriteLine($"error: the study '{stored.Name}' cannot be read: {e.Message}");
                table.Add(stored.Name, Text.Time(stored.CreatedAt), "?", "?", "?", "?", "?", "unreadable");
                unreadable++;
                continue;
            }

            if (study is null)
            {
                continue;
            }

            var snapshot = new StudySnapshot(study);
            table.Add(
                [
                    stored.Name,
                    Text.Time(stored.CreatedAt),
                    Count(snapshot.Trials.Count),
                    .. Text.StateOrder.Select(state => Count(snapshot.Count(state))),
                    Best(snapshot),
                ]);
        }

        table.Write(output);
        return unreadable == 0 ? ExitCodes.Ok : ExitCodes.Failure;
    }

    /// <summary>
    /// Opens a listed study, or notes on standard error that it was renamed or deleted since the list was read (workers
    /// and other commands go on meanwhile) and answers <see langword="null"/>, so that the rest is still listed.
    /// </summary>
    private static Study? OpenListed(StudyStore store, StoredStudy stored, TextWriter error)
    {
        try
        {
            return Study.Open(store.Storage, stored.Name);
        }
        catch (InvalidOperationException) when (store.Storage.FindStudy(stored.Name) is null)
        {
            error.WriteLine($"note: the study '{stored.Name}' was renamed or deleted while the list was read.");
            return null;
        }
    }

    /// <summary>The best value with its trial (<c>loss 0.123 (#4)</c>), the front's size with two objectives, or <c>-</c>.</summary>
    private static string Best(StudySnapshot snapshot)
    {
        if (snapshot.Study.Objectives.Count > 1)
        {
            int size = snapshot.ParetoFront.Count;
            return size == 0 ? "-" : $"front of {Count(size)}";
        }

        string objective = snapshot.Study.Objectives[0].Name;
        return snapshot.BestTrial is Trial best
            ? $"{objective} {Text.Number(best.Values[objective])} (#{Count(best.Id)})"
            : "-";
    }

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}
