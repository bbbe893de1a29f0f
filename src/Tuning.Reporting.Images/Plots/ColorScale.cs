using ScottPlot;

namespace Tuning.Reporting;

/// <summary>A colormap over a range of values, for coloring points or lines and for the color bar that explains them.</summary>
internal sealed class ColorScale : IHasColorAxis
{
    private readonly double _min;
    private readonly double _max;

    public ColorScale(IEnumerable<double> values, IColormap? colormap = null)
    {
        double[] all = [.. values];
        _min = all.Length == 0 ? 0 : all.Min();
        _max = all.Length == 0 ? 1 : all.Max();
        Colormap = colormap ?? new ScottPlot.Colormaps.Viridis();
    }

    public IColormap Colormap { get; set; }

    /// <summary>Gets the color of a value: its fraction of the range, or the middle color when every value is the same.</summary>
    public Color ColorOf(double value) => Colormap.GetColor(_max > _min ? (value - _min) / (_max - _min) : 0.5);

    public ScottPlot.Range GetRange() => _max > _min ? new ScottPlot.Range(_min, _max) : new ScottPlot.Range(_min - 0.5, _max + 0.5);

    /// <summary>Adds a color bar on the right of the plot, labelled.</summary>
    public void AddColorBar(Plot plot, string label)
    {
        ScottPlot.Panels.ColorBar bar = plot.Add.ColorBar(this, Edge.Right);
        bar.Label = label;
    }
}
