using System.Text;

namespace Tuning.Reporting;

/// <summary>Chooses the charts a study's report shows, in order, and builds them from one snapshot.</summary>
internal static class ReportCharts
{
    public static List<ChartFigure> Build(ChartContext context, int maxSlicePanels)
    {
        StudySnapshot snapshot = context.Snapshot;
        var charts = new List<ChartFigure>();
        if (snapshot.Trials.Count == 0)
        {
            return charts;
        }

        IReadOnlyList<Metric> objectives = context.Objectives;
        foreach (Metric objective in objectives)
        {
            Add(charts, HistoryChart.Build(context, objective, objectives.Count == 1 ? "history" : "history-" + Slug(objective.Name)));
        }

        if (objectives.Count == 2 && context.Completed.Count > 0)
        {
            charts.Add(ParetoFrontChart.Build(context));
        }

        Add(charts, CostChart.Build(context));
        Add(charts, ParallelCoordinatesChart.Build(context));
        if (snapshot.Trials.Any(t => t.State == TrialState.Completed && t.IsAtTargetFidelity))
        {
            charts.Add(ImportanceChart.Build(context));
        }

        Add(charts, SliceChart.Build(context, maxSlicePanels));
        Add(charts, ContourChart.Build(context));
        foreach (Metric objective in objectives)
        {
            Add(charts, EmpiricalDistributionChart.Build(context, objective, objectives.Count == 1 ? "edf" : "edf-" + Slug(objective.Name)));
        }

        Add(charts, IntermediateValuesChart.Build(context));
        Add(charts, TimelineChart.Build(context));
        return Unique(charts);
    }

    /// <summary>An id-safe form of a name: lower-case letters, digits and dashes.</summary>
    internal static string Slug(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (char c in name.ToLowerInvariant())
        {
            builder.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? c : '-');
        }

        string slug = builder.ToString().Trim('-');
        return slug.Length == 0 ? "x" : slug;
    }

    private static void Add(List<ChartFigure> charts, ChartFigure? chart)
    {
        if (chart is not null)
        {
            charts.Add(chart);
        }
    }

    /// <summary>Two objectives whose names give the same slug still get distinct ids.</summary>
    private static List<ChartFigure> Unique(List<ChartFigure> charts)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        return [.. charts.Select(chart =>
        {
            string id = chart.Id;
            for (int n = 2; !taken.Add(id); n++)
            {
                id = $"{chart.Id}-{n}";
            }

            return chart with { Id = id };
        })];
    }
}
