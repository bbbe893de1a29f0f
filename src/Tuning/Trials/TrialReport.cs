namespace Tuning;

/// <summary>An intermediate value of a partial training run, reported with <see cref="Trial.Report"/>.</summary>
/// <param name="Step">The step (epoch, iteration or resource used) at which the value was measured; steps increase.</param>
/// <param name="Value">The value of the study's first objective at that step.</param>
public readonly record struct TrialReport(long Step, double Value);
