namespace Tuning.Quality.Problems;

/// <summary>A minimization problem with a fidelity: cheaper evaluations that approximate the target one.</summary>
internal interface IFidelityProblem
{
    string Name { get; }

    /// <summary>Gets the space, with the problem's fidelity declared (and its cost).</summary>
    SearchSpace Space { get; }

    /// <summary>Gets the total cost each method may spend, in units of one evaluation at the target fidelity.</summary>
    double Budget { get; }

    /// <summary>Gets the minimum at the target fidelity.</summary>
    double Optimum { get; }

    /// <summary>
    /// Gets where a run reports for the pruner methods: increasing (report step, fidelity value) pairs, the last at
    /// the target. A run stopped after a report has cost that report's fidelity.
    /// </summary>
    IReadOnlyList<(long Step, double Fidelity)> Reports { get; }

    /// <summary>
    /// Gets a value indicating whether the fidelity counts steps a run reports at (epochs): then a run at fidelity e
    /// reports after every step before e, and a method that chooses fidelities may learn from those reports.
    /// </summary>
    bool ReportsAreFidelities => false;

    /// <summary>Gets the fidelity value of the target (the range's upper bound; for tasks, the target task's value).</summary>
    double TargetFidelity => Space.Fidelity!.High;

    /// <summary>The fidelity value a trial runs at: its range value, or for tasks the value the task stands for.</summary>
    double FidelityOf(ParameterValues x) => x.Fidelity!.Value;

    /// <summary>The cost, relative to the target's, of a run stopped at fidelity value <paramref name="fidelity"/>.</summary>
    double CostAt(double fidelity) => Space.Fidelity!.CostAt(fidelity);

    /// <summary>The noise-free value at a fidelity value; regret uses it at the target.</summary>
    double TrueValue(ParameterValues x, double fidelity);

    /// <summary>The value the suggester is told (noisy for noisy problems).</summary>
    double Observe(ParameterValues x, double fidelity, Random noise) => TrueValue(x, fidelity);

    /// <summary>
    /// Starts one training run of <paramref name="x"/>: the function gives the value it reports at each fidelity value
    /// it reaches. A problem recorded from real training serves every report of a run from one recorded training.
    /// </summary>
    Func<double, double> StartRun(ParameterValues x, Random noise) => fidelity => Observe(x, fidelity, noise);

    /// <summary>
    /// Gets a value indicating whether cheap runs inform the target (the cheap fidelities' good regions hold the
    /// target's optimum): where they do, a method that uses them should reach the target-only GP's final result at a
    /// fraction of its cost.
    /// </summary>
    bool CheapFidelityIsInformative => true;

    /// <summary>Gets a value indicating whether the values come from real training (recorded learning curves).</summary>
    bool IsRealTraining => false;
}
