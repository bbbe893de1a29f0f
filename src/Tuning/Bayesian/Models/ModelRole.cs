namespace Tuning.Bayesian.Models;

/// <summary>What a model of the suggester stands for; it keys the warm start of its next fit in <see cref="FitMemory"/>.</summary>
/// <param name="Kind">The kind of model.</param>
/// <param name="Metric">The metric modelled.</param>
/// <param name="Warping">For an objective, the index of the output warping its values went through.</param>
internal readonly record struct ModelRole(ModelKind Kind, string Metric, int Warping = 0);
