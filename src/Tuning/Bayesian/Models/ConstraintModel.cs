
namespace Tuning.Bayesian.Models;

/// <summary>A constraint metric's Gaussian process with its thresholds mapped into the model's standardized units (NaN for none).</summary>
internal sealed record ConstraintModel(GaussianProcess Model, double Lower, double Upper);
