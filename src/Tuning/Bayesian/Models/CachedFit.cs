namespace Tuning.Bayesian.Models;

/// <summary>
/// A model kept from one ask to the next, so the next can extend it instead of fitting and factoring anew: its
/// hyperparameters, the keys (trial numbers) of the rows it is conditioned on in row order, the model itself (pending
/// points may follow those rows; they are dropped before reuse), and the number of rows at its last hyperparameter fit.
/// </summary>
internal sealed record CachedFit(double[] Theta, int[] Keys, GaussianProcess Model, int FittedAt, double NegativeLogPosterior);
