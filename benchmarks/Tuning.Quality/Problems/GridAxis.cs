namespace Tuning.Quality.Problems;

/// <summary>
/// One parameter of a recorded grid as the search space declares it: the levels low, low + step, … (an int or a
/// stepped float, often the logarithm of the trained value, e.g. log10 of the learning rate), so that every suggestion
/// lands on a recorded configuration. Level k stands for the k-th smallest value of the recording's column.
/// </summary>
internal sealed record GridAxis(string Name, double Low, double Step, bool IsInt)
{
    /// <summary>Declares the axis with <paramref name="levels"/> levels.</summary>
    public SearchSpaceBuilder Declare(SearchSpaceBuilder builder, int levels) => IsInt
        ? builder.Int(Name, (int)Low, (int)(Low + (Step * (levels - 1))), step: (int)Step)
        : builder.Float(Name, Low, Low + (Step * (levels - 1)), step: Step);

    /// <summary>The level a suggestion stands for.</summary>
    public int Level(ParameterValues x) => (int)Math.Round(((IsInt ? x.GetInt(Name) : x.GetDouble(Name)) - Low) / Step);

    /// <summary>The key of the recorded configuration of <paramref name="x"/>: each axis's level mapped to the column's value.</summary>
    public static string Key(IReadOnlyList<GridAxis> axes, IReadOnlyList<double[]> levels, ParameterValues x) =>
        RecordedTable.Key(axes.Select((axis, i) => levels[i][axis.Level(x)]));
}
