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
    /// Whether a median or quantile over runs stands for a result: one interpolated between a run's regret and
    /// <see cref="None"/> (half the runs without a result) is finite but near None / 2, and means none.
    /// </summary>
    public static bool IsResult(double summary) => summary < None / 2;

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
        if (method.Workers > 1)
        {
            return RunWithWorkers(problem, method, seed);
        }

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

    /// <summary>
    /// Runs with <see cref="FidelityMethod.Workers"/> trials at once, each reporting along <see cref="IFidelityProblem.Reports"/>
    /// under the method's pruner: the worker that has spent the least compute reports its next step (so workers advance
    /// as if they trained at the same speed), and a worker whose trial ends (completed or pruned) asks the next one while
    /// the others still run. The cost is the compute of every report made so far, running trials included; the run stops
    /// when it reaches the budget.
    /// </summary>
    private static List<(double Cost, double Regret)> RunWithWorkers(IFidelityProblem problem, FidelityMethod method, int seed)
    {
        IPruner pruner = method.Pruner(problem) ?? throw new InvalidOperationException($"{method.Name}: parallel workers are simulated with a pruner only.");
        var study = new Study(problem.Space, Metric.Minimize("value"), method.Create(problem, seed), new StudyOptions { Pruner = pruner });
        var noise = new Random(seed + 1_000_003);
        var events = new List<(double Cost, double Regret)>();
        double spent = 0, bestObserved = double.PositiveInfinity, regret = None;
        int maxTrials = MaxTrialsPerUnitOfBudget * (int)Math.Ceiling(problem.Budget);
        var running = new List<(Trial Trial, Func<double, double> Run, int Next, double Clock)>();
        for (int w = 0; w < method.Workers; w++)
        {
            Trial trial = study.Ask();
            running.Add((trial, problem.StartRun(trial.Parameters, noise), 0, 0));
        }

        while (spent < problem.Budget && events.Count < maxTrials && running.Count > 0)
        {
            int w = Enumerable.Range(0, running.Count).MinBy(i => running[i].Clock);
            (Trial trial, Func<double, double> run, int k, double clock) = running[w];
            (long step, double s) = problem.Reports[k];
            double cost = problem.CostAt(s) - (k == 0 ? 0 : problem.CostAt(problem.Reports[k - 1].Fidelity));
            spent += cost;
            double observed = run(s);
            trial.Report(step, observed);
            bool atTarget = k == problem.Reports.Count - 1;
            if (atTarget)
            {
                study.Tell(trial, observed);
            }
            else if (study.ShouldPrune(trial))
            {
                study.Prune(trial);
            }
            else
            {
                running[w] = (trial, run, k + 1, clock + cost);
                continue;
            }

            if (atTarget && observed < bestObserved)
            {
                bestObserved = observed;
                regret = Math.Max(problem.TrueValue(trial.Parameters, problem.TargetFidelity) - problem.Optimum, 0);
            }

            events.Add((spent, regret));
            Trial next = study.Ask();
            running[w] = (next, problem.StartRun(next.Parameters, noise), 0, clock + cost);
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
