using Tuning.Quality.Problems;

namespace Tuning.Quality;

/// <summary>One run of a method on a two-objective problem: the hypervolume after every evaluation and the final front.</summary>
internal sealed record ParetoRun(double[] Hypervolumes, IReadOnlyList<(double First, double Second)> Front)
{
    /// <summary>Runs <paramref name="method"/> for the problem's budget, one trial at a time, both objectives minimized.</summary>
    public static ParetoRun Run(IParetoProblem problem, Method method, int seed)
    {
        var study = new Study(problem.Space, [Metric.Minimize("f1"), Metric.Minimize("f2")], method.Create(seed));
        (double r1, double r2) = problem.ReferencePoint;
        var observed = new List<double[]>();
        double[] hypervolumes = new double[problem.Budget];
        for (int i = 0; i < problem.Budget; i++)
        {
            Trial trial = study.Ask();
            (double f1, double f2) = problem.Evaluate(trial.Parameters);
            study.Tell(trial, new Measurements { ["f1"] = f1, ["f2"] = f2 });
            observed.Add([f1, f2]);

            // Pareto.Hypervolume rather than study.Hypervolume: early fronts may not dominate the reference point yet (0 here, an error there).
            hypervolumes[i] = Pareto.Hypervolume(observed, [r1, r2]);
        }

        if (hypervolumes[^1] > 0)
        {
            double check = study.Hypervolume([r1, r2]);
            if (Math.Abs(check - hypervolumes[^1]) > 1e-9 * Math.Max(1, check))
            {
                throw new InvalidOperationException($"Study.Hypervolume {check} differs from the direct computation {hypervolumes[^1]}.");
            }
        }

        IReadOnlyList<(double, double)> front = [.. study.ParetoFront.Select(t => (t.Values["f1"], t.Values["f2"])).OrderBy(p => p.Item1)];
        return new ParetoRun(hypervolumes, front);
    }
}
