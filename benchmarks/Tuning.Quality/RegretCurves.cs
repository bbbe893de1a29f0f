using Tuning.Quality.Problems;

namespace Tuning.Quality;

/// <summary>Runs a method on a problem for one seed and records the best-found regret after every evaluation.</summary>
internal static class RegretCurves
{
    /// <summary>
    /// The regret after each evaluation: the true value of the trial with the best observed value so far, minus the
    /// optimum (for a noisy problem the incumbent is chosen by its noisy value, as a user would).
    /// </summary>
    public static double[] Run(IProblem problem, Method method, int seed)
    {
        var study = new Study(problem.Space, Metric.Minimize("value"), method.Create(seed));
        var noise = new Random(seed + 1_000_003);
        double[] regret = new double[problem.Budget];
        double bestObserved = double.PositiveInfinity, incumbentTrue = double.PositiveInfinity;
        for (int i = 0; i < problem.Budget; i++)
        {
            Trial trial = study.Ask();
            double observed = problem.Observe(trial.Parameters, noise);
            study.Tell(trial, observed);
            if (observed < bestObserved)
            {
                bestObserved = observed;
                incumbentTrue = problem.TrueValue(trial.Parameters);
            }

            regret[i] = Math.Max(incumbentTrue - problem.Optimum, 0);
        }

        return regret;
    }
}
