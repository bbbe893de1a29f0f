namespace Tuning.Reporting;

/// <summary>Options of the HTML report written by <see cref="StudyReport.WriteHtml"/>.</summary>
public sealed class ReportOptions
{
    /// <summary>Gets or sets the report's title.</summary>
    /// <value>The default is <see langword="null"/>: "Study" and the study's name.</value>
    public string? Title { get; set; }

    /// <summary>Gets or sets how many parameters the slice chart shows, the most important first.</summary>
    /// <value>The default is 12.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int MaxSlicePlots
    {
        get;
        set => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The number of slice plots cannot be negative.");
    }

    = 12;
}
