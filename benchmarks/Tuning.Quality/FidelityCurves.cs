using Tuning.Quality.Problems;

namespace Tuning.Quality;

/// <summary>Runs a multi-fidelity method on a problem for one seed until it has spent the problem's budget.</summary>
internal static class FidelityCurves
{
    /// <summary>
    /// A run also stops after this many trials per unit of budget: a pruner that stops nearly every run at its first
    /// rung would otherwise need thousands of trials to spend the budget.
    /// </summary>
    public const int MaxTrialsPerUnitOfBudget = 10;

    /// <summary>The regret of "no target-fidelity result yet", kept finite so medians and quantiles stay defined.</summary>
    public const double None = double.MaxValue;

    /// <summary>
    /// Runs until the budget is spent or <see cref="MaxTrialsPerUnitOfBudget"/> trials per unit of it were made. After
    /// each trial: the cumulative cost (in target evaluations) and the regret of the best result at the target
    /// fidelity so far (the true target value of the target-fidelity trial with the best observed value, minus the
    /// optimum), as <see cref="Study.BestTrial"/> picks it. A method without a pruner evaluates each trial at its
    /// fidelity (reporting every step before it when the fidelity counts steps); with a pruner, the trial reports along
    /// <see cref="IFidelityProblem.Reports"/> and costs the fidelity it reached.
    /// </summary>
    public static List<(double Cost, double Regret)> Run(IFidelityProblem problem, FidelityMethod method, int seed, TextWriter? trace = null)
    {
        IPruner? pruner = method.Pruner(problem);
        var study = new Study(problem.Space, Metric.Minimize("value"), method.Create(problem, seed), new StudyOptions { Pruner = pruner });
        Fidelity fidelity = problem.Space.Fidelity!;
        var noise = new Random(seed + 1_000_003);
        var events = new List<(double Cost, double Regret)>();
        double cost = 0, bestObserved = double.PositiveInfinity, regret = None;
        int maxTrials = MaxTrialsPerUnitOfBudget * (int)Math.Ceiling(problem.Budget);
        while (cost < problem.Budget && events.Count < maxTrials)
        {
            Trial trial = study.Ask();
            Func<double, double> run = problem.StartRun(trial.Parameters, noise);
            double observed = double.NaN;
            bool atTarget;
            if (pruner is null)
            {
                double s = problem.FidelityOf(trial.Parameters);
                if (problem.ReportsAreFidelities)
                {
                    // The run reports after every step (epoch) on its way to its fidelity, as a training loop would.
                    for (long step = (long)fidelity.Low; step < s; step++)
                    {
                        trial.Report(step, run(step));
                    }
                }

                observed = run(s);
                study.Tell(trial, observed);
                cost += trial.FidelityCost;
                atTarget = trial.IsAtTargetFidelity;
            }
            else
            {
                atTarget = false;
                for (int k = 0; k < problem.Reports.Count; k++)
                {
                    (long step, double s) = problem.Reports[k];
                    observed = run(s);
                    trial.Report(step, observed);
                    if (k == problem.Reports.Count - 1)
                    {
                        study.Tell(trial, observed);
                        cost += problem.CostAt(s);
                        atTarget = true;
                    }
                    else if (study.ShouldPrune(trial))
                    {
                        study.Prune(trial);
                        cost += problem.CostAt(s);
                        break;
                    }
                }
            }

            if (atTarget && observed < bestObserved)
            {
                bestObserved = observed;
                regret = Math.Max(problem.TrueValue(trial.Parameters, problem.TargetFidelity) - problem.Optimum, 0);
            }

            events.Add((cost, regret));
            trace?.WriteLine(FormattableString.Invariant(
                $"{trial.Id,4} {(atTarget ? "target" : "      ")} fidelity {problem.FidelityOf(trial.Parameters),6:G4} reached {trial.Reports.Count,3} reports  value {observed,10:F5}  true-target regret {problem.TrueValue(trial.Parameters, problem.TargetFidelity) - problem.Optimum,10:F5}  cost {cost,7:F2}  best regret {(regret >= None ? double.NaN : regret):F5}"));
        }

        return events;
    }

    /// <summary>The regret at each checkpoint of cost: that of the last trial finished within it.</summary>
    public static double[] AtCosts(List<(double Cost, double Regret)> events, double[] checkpoints)
    {
        double[] result = new double[checkpoints.Length];
        int e = 0;
        double regret = None;
        for (int c = 0; c < checkpoints.Length; c++)
        {
            while (e < events.Count && events[e].Cost <= checkpoints[c] + 1e-9)
            {
                regret = events[e].Regret;
                e++;
            }

            result[c] = regret;
        }

        return result;
    }
}
