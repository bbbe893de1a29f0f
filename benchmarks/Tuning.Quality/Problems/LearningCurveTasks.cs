namespace Tuning.Quality.Problems;

/// <summary>
/// The <see cref="LearningCurves"/> simulator declared SigOpt-style, as three tasks rather than an epoch range: runs of
/// 11, 33 and 100 epochs, costing 0.11, 0.33 and 1 (the target). The multi-fidelity suggester models them with a task
/// covariance learned from the data and, as tasks say nothing of steps, learns from each run's final value only.
/// </summary>
internal sealed class LearningCurveTasks : IFidelityProblem
{
    private static readonly (string Name, int Epochs)[] Runs = [("11 epochs", 11), ("33 epochs", 33), ("100 epochs", 100)];

    private readonly LearningCurves _curves = new();

    public string Name => "Learning curves as tasks (5-D: 11/33/100 epochs)";

    public SearchSpace Space { get; } = new SearchSpaceBuilder()
        .Float("x1", 0, 1).Float("x2", 0, 1).Float("x3", 0, 1).Float("x4", 0, 1).Float("x5", 0, 1)
        .Tasks("run", [.. Runs.Select(r => new FidelityTask(r.Name, r.Epochs / 100.0))]).Build();

    public double Budget => 30;

    public double Optimum => _curves.Optimum;

    /// <summary>Gets the pruner methods' reports: after 11, 33 and 100 epochs of a run of the target task.</summary>
    public IReadOnlyList<(long Step, double Fidelity)> Reports { get; } = [.. Runs.Select(r => ((long)r.Epochs, (double)r.Epochs))];

    public double TargetFidelity => 100;

    public double FidelityOf(ParameterValues x) => Runs.Single(r => r.Name == x.Task).Epochs;

    public double CostAt(double fidelity) => fidelity / 100;

    public double TrueValue(ParameterValues x, double fidelity) => _curves.TrueValue(x, fidelity);

    public double Observe(ParameterValues x, double fidelity, Random noise) => _curves.Observe(x, fidelity, noise);
}
