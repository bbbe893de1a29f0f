namespace Tuning.Bayesian.Models;

/// <summary>
/// Standardized, warped objective values, the log-Jacobian Σ log |dz/dy| of the map from the raw values, and that map
/// itself with its fitted parameters held fixed (null for rank scores, which are no smooth map and report no Jacobian).
/// </summary>
/// <param name="Values">The modelled value of each raw value.</param>
/// <param name="LogJacobian">Σ log |dz/dy| over the values, which the evidence of different warpings is compared with.</param>
/// <param name="Warp">The fitted map from a raw value to its modelled value: <c>Values[i] == Warp(values[i])</c>.</param>
internal sealed record WarpedValues(double[] Values, double LogJacobian, Func<double, double>? Warp);
