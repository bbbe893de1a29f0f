using System.Globalization;
using System.Text;
using Tuning.Quality.Problems;

namespace Tuning.Quality;

/// <summary>
/// How far each cheap level of a recorded problem ranks the configurations as the target does (<c>--fidelity
/// --agreement</c>). Over every configuration of the grid, each configuration's mean over its recorded trainings:
/// Spearman's rank correlation between the level and the target; the same among the target's best tenth of the
/// configurations (where a search ends, and where a level must still tell configurations apart); how many of the
/// target's best tenth are also in the level's best tenth; and the target regret of the configuration best at the
/// level. For scale, the same for one recorded training at the target against the mean of the others: what one
/// target run tells. A cheap level saves cost only where it ranks as the target does.
/// </summary>
internal static class FidelityAgreement
{
    public static int Run(string output)
    {
        var table = new StringBuilder();
        table.AppendLine("| problem | level (cost) | Spearman's ρ with the target | ρ within the target's best tenth | target's best tenth also in the level's best tenth | target regret of the level's best configuration |");
        table.AppendLine("|---|---|---:|---:|---:|---:|");
        foreach (TabularFidelityProblem problem in TabularProblems.Fidelity().Concat(TabularProblems.HeldOutFidelity()).Cast<TabularFidelityProblem>())
        {
            double[][] trainings = problem.Trainings(problem.TargetFidelity);
            double[] target = [.. trainings.Select(t => t.Average())];
            foreach ((_, double fidelity) in problem.Reports.SkipLast(1))
            {
                double[] level = [.. problem.Trainings(fidelity).Select(t => t.Average())];
                Row(table, problem.Name, string.Create(CultureInfo.InvariantCulture, $"{fidelity:G4} ({problem.CostAt(fidelity):G2})"), level, target);
            }

            // For scale: one training at the target against the mean of the others.
            Row(table, problem.Name, "one training at the target (1)", [.. trainings.Select(t => t[0])], [.. trainings.Select(t => t.Skip(1).Average())]);
        }

        Directory.CreateDirectory(output);
        string file = Path.Combine(output, "fidelity-agreement.md");
        File.WriteAllText(file, table.ToString());
        Console.Write(table);
        Console.WriteLine($"\nWrote {file}.");
        return 0;
    }

    private static void Row(StringBuilder table, string problem, string name, double[] level, double[] target)
    {
        int tenth = Math.Max(1, target.Length / 10);
        int[] targetBest = [.. Best(target, tenth)];
        int overlap = Best(level, tenth).Count(targetBest.Contains);
        double withinTop = Spearman([.. targetBest.Select(i => level[i])], [.. targetBest.Select(i => target[i])]);
        double regret = target[Best(level, 1).Single()] - target.Min();
        table.AppendLine(CultureInfo.InvariantCulture,
            $"| {problem} | {name} | {Spearman(level, target):F2} | {withinTop:F2} | {overlap} of {tenth} | {regret:G3} |");
    }

    /// <summary>The indices of the <paramref name="count"/> smallest values (ties by index).</summary>
    private static IEnumerable<int> Best(double[] values, int count) =>
        Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ThenBy(i => i).Take(count);

    /// <summary>Spearman's ρ: Pearson's correlation of the ranks, ties given their average rank.</summary>
    private static double Spearman(double[] a, double[] b)
    {
        double[] ra = Ranks(a), rb = Ranks(b);
        double ma = ra.Average(), mb = rb.Average();
        double cov = 0, va = 0, vb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            cov += (ra[i] - ma) * (rb[i] - mb);
            va += (ra[i] - ma) * (ra[i] - ma);
            vb += (rb[i] - mb) * (rb[i] - mb);
        }

        return cov / Math.Sqrt(va * vb);
    }

    private static double[] Ranks(double[] values)
    {
        int[] order = [.. Enumerable.Range(0, values.Length).OrderBy(i => values[i])];
        double[] ranks = new double[values.Length];
        for (int start = 0; start < order.Length;)
        {
            int end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]])
            {
                end++;
            }

            for (int k = start; k <= end; k++)
            {
                ranks[order[k]] = (start + end) / 2.0;
            }

            start = end + 1;
        }

        return ranks;
    }
}
