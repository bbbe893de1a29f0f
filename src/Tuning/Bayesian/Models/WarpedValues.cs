namespace Tuning.Bayesian.Models;

/// <summary>Standardized, warped objective values and the log-Jacobian Σ log |dz/dy| of the map from the raw values.</summary>
internal sealed record WarpedValues(double[] Values, double LogJacobian);
