using Tuning.Quality.Problems;

namespace Tuning.Quality;

/// <summary>Runs a method on a problem for one seed and records the best-found regret after every evaluation.</summary>
internal static class RegretCurves
{
    /// <summary>
    /// The regret after each evaluation: the true value of the trial with the best observed value so far, minus the
    /// optimum (for a noisy problem the incumbent is chosen by its noisy value, as a user would). With constraints only
    /// feasible trials can be the incumbent, and until one is found the regret is the problem's
    /// <see cref="IConstrainedProblem.RegretBeforeFeasible"/>. A batch method asks its batch, evaluates and tells every
    /// trial of it, and records them in order; the last batch is cut to the budget. A method with workers keeps that
    /// many trials running, asking one whenever the oldest finishes.
    /// </summary>
    /// <param name="problem">The problem.</param>
    /// <param name="method">The method.</param>
    /// <param name="seed">The seed of the suggester and of the noise.</param>
    /// <param name="trace">If given, one line per evaluation: which trial, observed value, true regret, best regret, parameters.</param>
    public static double[] Run(IProblem problem, Method method, int seed, TextWriter? trace = null)
    {
        var constrained = problem as IConstrainedProblem;
        var study = new Study(problem.Space, [Metric.Minimize("value"), .. constrained?.Constraints ?? []], method.Create(seed));
        var noise = new Random(seed + 1_000_003);
        double[] regret = new double[problem.Budget];
        double bestObserved = double.PositiveInfinity, incumbentRegret = constrained?.RegretBeforeFeasible ?? double.PositiveInfinity;
        int evaluated = 0, asked = 0;
        var running = new Queue<Trial>();
        while (evaluated < problem.Budget)
        {
            if (method.Workers > 0)
            {
                for (; running.Count < method.Workers && asked < problem.Budget; asked++)
                {
                    running.Enqueue(study.Ask());
                }
            }
            else if (running.Count == 0)
            {
                int count = Math.Min(method.BatchSize, problem.Budget - asked);
                foreach (Trial next in count == 1 ? [study.Ask()] : study.Ask(count))
                {
                    running.Enqueue(next);
                }

                asked += count;
            }

            Trial trial = running.Dequeue();
            double observed = problem.Observe(trial.Parameters, noise);
            bool feasible = Tell(study, constrained, trial, observed);
            if (feasible && observed < bestObserved)
            {
                bestObserved = observed;
                incumbentRegret = problem.TrueValue(trial.Parameters) - problem.Optimum;
            }

            regret[evaluated] = Math.Max(incumbentRegret, 0);
            trace?.WriteLine(FormattableString.Invariant(
                $"{evaluated + 1,4} asked {trial.Id + 1,4}  observed {observed,12:G6}  regret {problem.TrueValue(trial.Parameters) - problem.Optimum,12:G4}  best {regret[evaluated],10:G4}  {trial.Parameters}"));
            evaluated++;
        }

        return regret;
    }

    /// <summary>Tells the trial its value (and its constraints' values); whether it met every constraint.</summary>
    private static bool Tell(Study study, IConstrainedProblem? constrained, Trial trial, double value)
    {
        if (constrained is null)
        {
            study.Tell(trial, value);
            return true;
        }

        double[] g = constrained.ConstraintValues(trial.Parameters);
        var measurements = new Measurements { ["value"] = value };
        for (int i = 0; i < g.Length; i++)
        {
            measurements[constrained.Constraints[i].Name] = g[i];
        }

        study.Tell(trial, measurements);
        return constrained.Constraints.Select((c, i) => c.IsSatisfiedBy(g[i])).All(ok => ok);
    }
}
