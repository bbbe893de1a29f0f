namespace Tuning.Bayesian.Models;

/// <summary>A fitted Gaussian process (null if it could not be factored), its hyperparameters θ, and the negative log posterior reached.</summary>
/// <param name="Model">The conditioned model, or null.</param>
/// <param name="Theta">The hyperparameters.</param>
/// <param name="NegativeLogPosterior">The negative log posterior the fit reached.</param>
/// <param name="Rows">
/// The row of the data the model's i-th row holds, for every row of the model, in its order; null when the model holds
/// every row of the data in their order. A model conditioned on a subset (<see cref="ModelSettings.MaxModelPoints"/>),
/// or extended from a kept fit whose rows come first, holds them otherwise.
/// </param>
internal readonly record struct FitResult(GaussianProcess? Model, double[] Theta, double NegativeLogPosterior, int[]? Rows = null)
{
    /// <summary>The row of the data the model's row <paramref name="modelRow"/> holds.</summary>
    public int DataRow(int modelRow) => Rows is null ? modelRow : Rows[modelRow];
}
