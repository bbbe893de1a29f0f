namespace Tuning.Bayesian.Models;

/// <summary>A fitted Gaussian process (null if it could not be factored), its hyperparameters θ, and the negative log posterior reached.</summary>
internal readonly record struct FitResult(GaussianProcess? Model, double[] Theta, double NegativeLogPosterior);
