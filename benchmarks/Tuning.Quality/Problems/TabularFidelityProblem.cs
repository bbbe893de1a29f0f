namespace Tuning.Quality.Problems;

/// <summary>
/// A fidelity problem served from a <see cref="RecordedTable"/>: a suggestion names a recorded configuration (see
/// <see cref="GridAxis"/>), a training run replays one recorded training of it (a replicate drawn per run, so the
/// values carry the real run-to-run noise), and the noise-free value that regret uses is the mean over the replicates.
/// The optimum is the best such mean at the target over the grid.
/// </summary>
internal sealed class TabularFidelityProblem : IFidelityProblem
{
    private readonly RecordedTable _table;
    private readonly GridAxis[] _axes;
    private readonly double[][] _levels;
    private readonly Func<double, string> _column;

    /// <param name="name">The problem's name.</param>
    /// <param name="file">The recording in <c>Data/</c>.</param>
    /// <param name="axes">The grid's parameters as declared, in the recording's column order.</param>
    /// <param name="fidelity">Declares the fidelity on the space of the axes.</param>
    /// <param name="column">The recorded column that holds the value at a fidelity value.</param>
    /// <param name="reports">The pruner methods' reports (step, fidelity value), the last at the target.</param>
    /// <param name="budget">The budget in target-fidelity runs.</param>
    public TabularFidelityProblem(string name, string file, GridAxis[] axes, Func<SearchSpaceBuilder, SearchSpaceBuilder> fidelity,
        Func<double, string> column, IReadOnlyList<(long Step, double Fidelity)> reports, double budget)
    {
        Name = name;
        File = file;
        _table = RecordedTable.Load(file);
        _axes = axes;
        _column = column;
        _levels = [.. Enumerable.Range(0, _table.Parameters).Select(i => _table.Configurations.Select(k => double.Parse(k.Split(',')[i], System.Globalization.CultureInfo.InvariantCulture)).Distinct().Order().ToArray())];
        if (axes.Length != _table.Parameters)
        {
            throw new ArgumentException($"{file} has {_table.Parameters} grid parameters, not {axes.Length}", nameof(axes));
        }

        var builder = new SearchSpaceBuilder();
        for (int i = 0; i < axes.Length; i++)
        {
            axes[i].Declare(builder, _levels[i].Length);
        }

        Space = fidelity(builder).Build();
        Reports = reports;
        Budget = budget;
        int target = Array.IndexOf(_table.Columns, column(reports[^1].Fidelity));
        Optimum = _table.Configurations.Min(k => _table.Mean(k, target));
    }

    public string Name { get; }

    /// <summary>Gets the recording in <c>Data/</c> the problem replays.</summary>
    public string File { get; }

    public SearchSpace Space { get; }

    public double Budget { get; }

    public double Optimum { get; }

    public IReadOnlyList<(long Step, double Fidelity)> Reports { get; }

    public bool ReportsAreFidelities { get; init; }

    public bool CheapFidelityIsInformative { get; init; } = true;

    public bool IsRealTraining => true;

    /// <summary>Gets the task values, for a problem whose fidelity is SigOpt-style tasks (task name → fidelity value).</summary>
    public IReadOnlyDictionary<string, double>? TaskValues { get; init; }

    public double TargetFidelity => Reports[^1].Fidelity;

    public double FidelityOf(ParameterValues x) => TaskValues is { } tasks ? tasks[x.Task!] : x.Fidelity!.Value;

    public double CostAt(double fidelity) => TaskValues is null ? Space.Fidelity!.CostAt(fidelity) : fidelity / TargetFidelity;

    public double TrueValue(ParameterValues x, double fidelity) => _table.Mean(GridAxis.Key(_axes, _levels, x), Column(fidelity));

    public double Observe(ParameterValues x, double fidelity, Random noise) => StartRun(x, noise)(fidelity);

    public Func<double, double> StartRun(ParameterValues x, Random noise)
    {
        double[] run = _table.Runs(GridAxis.Key(_axes, _levels, x))[noise.Next(_table.Replicates)];
        return fidelity => run[Column(fidelity)];
    }

    /// <summary>Every configuration's recorded trainings' values at a fidelity value (configuration × replicate), in the recording's order.</summary>
    public double[][] Trainings(double fidelity)
    {
        int column = Column(fidelity);
        return [.. _table.Configurations.Select(k => _table.Runs(k).Select(run => run[column]).ToArray())];
    }

    private int Column(double fidelity)
    {
        int c = Array.IndexOf(_table.Columns, _column(fidelity));
        return c >= 0 ? c : throw new ArgumentOutOfRangeException(nameof(fidelity), fidelity, $"{Name}: no recorded column for this fidelity");
    }
}
