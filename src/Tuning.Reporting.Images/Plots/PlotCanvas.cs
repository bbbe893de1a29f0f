using System.Globalization;
using ScottPlot;

namespace Tuning.Reporting;

/// <summary>The shared look of every plot, and the rendering to PNG.</summary>
internal static class PlotCanvas
{
    /// <summary>The colors of the trial states, the same in every plot.</summary>
    public static readonly Color CompletedColor = Color.FromHex("#1f77b4");

    public static readonly Color PrunedColor = Color.FromHex("#ff7f0e");

    public static readonly Color FailedColor = Color.FromHex("#d62728");

    public static readonly Color RunningColor = Color.FromHex("#7f7f7f");

    public static readonly Color InfeasibleColor = Color.FromHex("#a0a0a0");

    /// <summary>The color of completed trials at a lower fidelity than the target: evidence, not results (the HTML report's light blue).</summary>
    public static readonly Color LowerFidelityColor = Color.FromHex("#9ecae1");

    public static readonly Color BestColor = Color.FromHex("#d62728");

    /// <summary>A sans-serif font that exists on the machine (DejaVu Sans on most Linux systems), else ScottPlot's default.</summary>
    private static readonly Lazy<string?> SansFont = new(() =>
        new[] { "DejaVu Sans", "Liberation Sans", "Arial", Fonts.Sans }.FirstOrDefault(IsInstalled));

    /// <summary>Creates a plot with the report's font and a title.</summary>
    public static Plot Create(string title)
    {
        var plot = new Plot();
        if (SansFont.Value is string font)
        {
            plot.Font.Set(font);

            // ScottPlot measures legend rows with its default font; the taller sans rows need more room at the top.
            plot.Legend.Padding = new PixelPadding(10, 10, 5, 15);
        }

        plot.Title(title);
        return plot;
    }

    /// <summary>
    /// Renders the plot as PNG bytes of the requested size, its numeric ticks labelled by <see cref="TickLabel"/>. ScottPlot
    /// writes its ticks (the axes' and the color bar's) in the current culture, so it draws in the invariant one, as the
    /// plots write every other number: a program in German gets 0.5, not 0,5 beside labels that read 0.5.
    /// </summary>
    public static byte[] Render(Plot plot, PlotOptions options)
    {
        foreach (IAxis axis in plot.Axes.GetAxes())
        {
            if (axis.TickGenerator is ScottPlot.TickGenerators.NumericAutomatic numeric)
            {
                Func<double, string> usual = numeric.LabelFormatter;
                numeric.LabelFormatter = value => TickLabel(value, usual);
            }
        }

        CultureInfo culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            return plot.GetImageBytes(options.Width, options.Height, ImageFormat.Png);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    /// <summary>
    /// A numeric tick's label: ScottPlot's own between 1e-4 and 1e6, and beyond in scientific notation (<c>2.5e+20</c>),
    /// where ScottPlot writes every digit (<c>250,000,000,000,000,000,000</c>) or rounds to <c>0</c>.
    /// </summary>
    internal static string TickLabel(double value, Func<double, string> usual) =>
        value == 0 || Math.Abs(value) is >= 1e-4 and < 1e6 ? usual(value) : value.ToString("0.###e+0", CultureInfo.InvariantCulture);

    /// <summary>A plot that has nothing to show but a message, such as "no completed trial yet".</summary>
    public static Plot Message(string title, string message)
    {
        Plot plot = Create(title);
        plot.HideAxesAndGrid();
        plot.Axes.Title.IsVisible = true;
        plot.Axes.SetLimits(0, 1, 0, 1);
        ScottPlot.Plottables.Annotation annotation = plot.Add.Annotation(message, Alignment.MiddleCenter);
        annotation.LabelFontSize = 18;
        annotation.LabelBackgroundColor = Colors.Transparent;
        annotation.LabelBorderColor = Colors.Transparent;
        annotation.LabelShadowColor = Colors.Transparent;
        return plot;
    }

    private static bool IsInstalled(string? family) =>
        family is not null && string.Equals(Fonts.GetTypeface(family, bold: false, italic: false)?.FamilyName, family, StringComparison.OrdinalIgnoreCase);

    /// <summary>Gets an axis label for a metric: its name and, for an objective, its direction.</summary>
    public static string MetricLabel(Metric metric) => metric.Kind switch
    {
        MetricKind.Minimize => $"{metric.Name} (minimize)",
        MetricKind.Maximize => $"{metric.Name} (maximize)",
        _ => metric.Name,
    };
}
