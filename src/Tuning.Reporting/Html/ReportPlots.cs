using System.Text;

namespace Tuning.Reporting;

/// <summary>Chooses and renders the plots that a study's report shows.</summary>
internal static class ReportPlots
{
    public static List<ReportPlot> Render(StudySnapshot snapshot, ReportOptions options, IReadOnlyList<ParameterImportance> importances)
    {
        var size = new PlotOptions { Width = options.PlotWidth, Height = options.PlotHeight };
        var plots = new List<ReportPlot>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        void Add(string id, string title, string caption, byte[] png) => plots.Add(new ReportPlot(UniqueId(id, ids), title, caption, png));

        IReadOnlyList<Metric> objectives = snapshot.Study.Objectives;
        foreach (Metric objective in objectives)
        {
            Add(
                objectives.Count == 1 ? "history" : $"history-{Slug(objective.Name)}",
                $"Optimization history: {objective.Name}",
                "Each completed trial's value by trial id; the line is the best feasible value so far. Open grey circles are infeasible trials.",
                HistoryPlot.Render(snapshot, WithMetric(size, objective)));
        }

        if (objectives.Count == 2)
        {
            Add("pareto-front", "Pareto front", "Both objectives of every completed trial; the trials no other feasible trial beats in both are red.", ParetoFrontPlot.Render(snapshot, size));
        }

        Add(
            "parallel-coordinates",
            "Parallel coordinates",
            "One line per completed trial through its parameter values, colored by its value, the best on top; below a conditional parameter's axis, a slot gathers the trials in which it is inactive.",
            ParallelCoordinatesPlot.Render(snapshot, size));
        Add(
            "importance",
            "Parameter importance",
            "Share of the variance of the first objective explained by each parameter alone (a first-order, model-free variance decomposition; see the table below).",
            ImportancePlot.Render(snapshot, size));
        if (snapshot.Trials.Any(t => t.Reports.Count > 0))
        {
            Add(
                "intermediate-values",
                "Intermediate values",
                "The values trials reported while they ran, by step: completed trials blue, pruned orange, failed red.",
                IntermediateValuesPlot.Render(snapshot, size));
        }

        foreach (ParameterImportance parameter in importances.Take(options.MaxSlicePlots))
        {
            Add(
                $"slice-{Slug(parameter.Name)}",
                $"Slice: {parameter.Name}",
                $"The first objective against {parameter.Name}, for the completed trials in which it is active; darker points are earlier trials.",
                SlicePlot.Render(snapshot, parameter.Name, size));
        }

        return plots;
    }

    /// <summary>A file-name-safe id: lower-case letters, digits and dashes.</summary>
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

    private static string UniqueId(string id, HashSet<string> taken)
    {
        string unique = id;
        for (int n = 2; !taken.Add(unique); n++)
        {
            unique = $"{id}-{n}";
        }

        return unique;
    }

    private static PlotOptions WithMetric(PlotOptions size, Metric metric) =>
        new() { Width = size.Width, Height = size.Height, Metric = metric.Name };
}
