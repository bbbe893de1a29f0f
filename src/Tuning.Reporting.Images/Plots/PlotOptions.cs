namespace Tuning.Reporting;

/// <summary>Options of one plot drawn by <see cref="StudyPlots"/>.</summary>
public sealed class PlotOptions
{
    /// <summary>The smallest width or height of a plot, in pixels.</summary>
    public const int MinimumSize = 100;

    /// <summary>The largest width or height of a plot, in pixels.</summary>
    public const int MaximumSize = 8000;

    /// <summary>Gets or sets the width of the PNG image, in pixels.</summary>
    /// <value>The default is 800.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [<see cref="MinimumSize"/>, <see cref="MaximumSize"/>].</exception>
    public int Width
    {
        get;
        set => field = CheckSize(value);
    }

    = 800;

    /// <summary>Gets or sets the height of the PNG image, in pixels.</summary>
    /// <value>The default is 500.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [<see cref="MinimumSize"/>, <see cref="MaximumSize"/>].</exception>
    public int Height
    {
        get;
        set => field = CheckSize(value);
    }

    = 500;

    /// <summary>
    /// Gets or sets the name of the metric that the history, slice, parallel-coordinates and importance plots show.
    /// Any metric of the study may be named, a constraint or a stored metric too.
    /// </summary>
    /// <value>The default is <see langword="null"/>: the study's first objective.</value>
    public string? Metric { get; set; }

    internal static PlotOptions Default { get; } = new();

    internal static int CheckSize(int value) =>
        value is >= MinimumSize and <= MaximumSize
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"A plot is {MinimumSize} to {MaximumSize} pixels wide and high.");
}
