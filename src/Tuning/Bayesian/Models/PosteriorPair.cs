namespace Tuning.Bayesian.Models;

/// <summary>The posterior at two points: their means and variances, and the covariance between them.</summary>
internal readonly record struct PosteriorPair(double FirstMean, double FirstVariance, double SecondMean, double SecondVariance, double Covariance);
