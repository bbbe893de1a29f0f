namespace Tuning.Reporting;

/// <summary>The metric an importance or a plot is about: the one named, or the study's first objective.</summary>
internal static class ChosenMetric
{
    /// <summary>Gets the metric named <paramref name="name"/>, or the first objective when it is <see langword="null"/>.</summary>
    /// <param name="study">The study.</param>
    /// <param name="name">The metric's name, or <see langword="null"/> for the first objective.</param>
    /// <param name="paramName">The public parameter that carried the name, which the exception names.</param>
    /// <exception cref="ArgumentException">The study has no metric of that name; the message lists the ones it has.</exception>
    public static Metric Find(Study study, string? name, string paramName)
    {
        if (name is null)
        {
            return study.Objectives[0];
        }

        return study.Metrics.FirstOrDefault(m => m.Name == name)
            ?? throw new ArgumentException(
                $"The study has no metric '{name}'. Its metrics are: {string.Join(", ", study.Metrics.Select(m => m.Name))}.",
                paramName);
    }
}
