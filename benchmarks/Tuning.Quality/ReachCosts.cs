using System.Globalization;
using System.Text;

namespace Tuning.Quality;

/// <summary>
/// The fidelity suite's <c>--reach R1,R2,…</c> table: for each problem and method, the median over seeds of the cost at
/// which a run's best target-fidelity result first has a regret of at most R, and how many runs ever get there within
/// the budget. Unlike the main table's cost to reach, which reads the median curve, this follows each run.
/// </summary>
internal static class ReachCosts
{
    /// <summary>Regrets within this of a threshold count as reaching it (a difference of recorded means may miss it by rounding).</summary>
    private const double Tolerance = 1e-12;

    /// <summary>Parses the option's thresholds; null when the option is absent.</summary>
    /// <exception cref="FormatException">A threshold is not a finite number of at least 0.</exception>
    public static double[]? Thresholds(string? option) => option?.Split(',').Select(t =>
        double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double r) && double.IsFinite(r) && r >= 0
            ? r
            : throw new FormatException($"--reach takes regrets of at least 0 separated by commas; '{t}' is not one.")).ToArray();

    /// <summary>Writes the table's header.</summary>
    public static void AppendHeader(StringBuilder table, double[] thresholds, int seeds)
    {
        table.AppendLine();
        table.AppendLine(CultureInfo.InvariantCulture, $"Median over {seeds} seeds of the cost at which each run first reaches a regret at most R (\"never\" when half the runs or more do not within the budget), and how many runs reach it:");
        table.AppendLine();
        table.AppendLine("| problem | method | " + string.Join(" | ", thresholds.Select(r => string.Create(CultureInfo.InvariantCulture, $"R = {r:G4}"))) + " |");
        table.AppendLine("|---|---|" + string.Concat(thresholds.Select(_ => "---|")));
    }

    /// <summary>Writes one method's row.</summary>
    public static void AppendRow(StringBuilder table, string problem, string method, IReadOnlyList<List<(double Cost, double Regret)>> runs, double[] thresholds, double budget)
    {
        var cells = new List<string>();
        foreach (double threshold in thresholds)
        {
            double[] costs = [.. runs.Select(run => FirstCost(run, threshold, budget))];
            double median = Statistics.Median(costs);
            int reached = costs.Count(double.IsFinite);
            cells.Add(string.Create(CultureInfo.InvariantCulture, $"{(double.IsFinite(median) ? median.ToString("F1", CultureInfo.InvariantCulture) : "never")} ({reached} of {costs.Length})"));
        }

        table.AppendLine($"| {problem} | {method} | {string.Join(" | ", cells)} |");
    }

    /// <summary>The cost of the first trial whose best result has a regret at most the threshold, or +∞.</summary>
    internal static double FirstCost(IEnumerable<(double Cost, double Regret)> run, double threshold, double budget)
    {
        foreach ((double cost, double regret) in run)
        {
            if (cost > budget + 1e-9)
            {
                break;
            }

            if (regret <= threshold + Tolerance)
            {
                return cost;
            }
        }

        return double.PositiveInfinity;
    }
}
