using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tuning.Reporting;

/// <summary>
/// Everything of a report that depends on the trials, built from one snapshot: the summary, the charts, the importance
/// table and the trial table. The report page embeds it as JSON and its script draws it; the live dashboard sends a new
/// one whenever the study changes, and the same script redraws the page in place.
/// </summary>
internal sealed class ReportView
{
    private ReportView(StudySnapshot snapshot, string summary, IReadOnlyList<ChartFigure> charts, IReadOnlyDictionary<int, string> hovers, string importance, string trials)
    {
        Snapshot = snapshot;
        Summary = summary;
        Charts = charts;
        Hovers = hovers;
        Importance = importance;
        Trials = trials;
    }

    public StudySnapshot Snapshot { get; }

    public string Summary { get; }

    public IReadOnlyList<ChartFigure> Charts { get; }

    /// <summary>Gets the hover text of each trial the charts show, by trial id, sent once for every chart (<see cref="ChartContext.HoverIds"/>).</summary>
    public IReadOnlyDictionary<int, string> Hovers { get; }

    public string Importance { get; }

    public string Trials { get; }

    /// <summary>Builds the view of a snapshot; <paramref name="trialLink"/> links each trial's number to its own page.</summary>
    public static ReportView Build(StudySnapshot snapshot, ReportOptions options, Func<Trial, string?>? trialLink = null)
    {
        IReadOnlyList<ParameterImportance> importances = StudyImportance.ComputeFor(snapshot, null);
        var summary = new StringBuilder();
        SummarySection.Write(summary, snapshot);
        var importance = new StringBuilder();
        ImportanceTable.Write(importance, snapshot, importances);
        var trials = new StringBuilder();
        TrialTable.Write(trials, snapshot, trialLink);
        var context = new ChartContext(snapshot, importances);
        List<ChartFigure> charts = ReportCharts.Build(context, options.MaxSlicePlots);
        return new ReportView(snapshot, summary.ToString(), charts, context.Hovers, importance.ToString(), trials.ToString());
    }

    /// <summary>
    /// The view as JSON: the revision, the trial count and the charts, and with <paramref name="withSections"/> the
    /// summary, importance and trial tables as HTML (a page that has them already needs only the charts). The encoder
    /// escapes <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c>, so the JSON can sit inside a script element.
    /// </summary>
    public string ToJson(bool withSections)
    {
        var json = new JsonObject
        {
            ["revision"] = Snapshot.Revision,
            ["trialCount"] = Snapshot.Trials.Count,
            ["charts"] = new JsonArray([.. Charts.Select(c => (JsonNode)c.ToJson())]),
            ["hovers"] = new JsonObject(Hovers.Select(h => KeyValuePair.Create(h.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), (JsonNode?)JsonValue.Create(h.Value)))),
        };
        if (withSections)
        {
            json["summary"] = Summary;
            json["importance"] = Importance;
            json["trials"] = Trials;
        }

        return json.ToJsonString(JsonOptions);
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = false };
}
