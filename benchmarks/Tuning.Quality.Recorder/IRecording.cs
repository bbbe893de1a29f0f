namespace Tuning.Quality.Recorder;

/// <summary>
/// A tabular benchmark recorded from real training: a grid of configurations (every combination of each parameter's
/// levels), each trained <see cref="Replicates"/> times with different seeds, each training yielding a row of values.
/// </summary>
internal interface IRecording
{
    /// <summary>Gets the lines that start the file (after '#'): what was trained and how.</summary>
    IReadOnlyList<string> Description { get; }

    /// <summary>Gets the grid: each parameter's name and levels.</summary>
    IReadOnlyList<(string Name, double[] Levels)> Grid { get; }

    int Replicates { get; }

    /// <summary>Gets the names of the values each training yields.</summary>
    IReadOnlyList<string> Columns { get; }

    /// <summary>Trains one configuration (values in <see cref="Grid"/> order) with one replicate's seeds.</summary>
    double[] Train(double[] configuration, int replicate);
}
