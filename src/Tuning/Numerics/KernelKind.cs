namespace Tuning.Numerics;

/// <summary>The stationary covariance functions the Gaussian-process code can use.</summary>
/// <remarks>
/// Both are written in terms of the scaled squared distance
/// r² = Σ_c ((x_c − x′_c) / ℓ_c)², with one lengthscale ℓ_c per dimension (ARD), and a signal variance σ².
/// </remarks>
internal enum KernelKind
{
    /// <summary>Matérn-5/2: k(r) = σ² (1 + √5 r + 5r²/3) exp(−√5 r) (Rasmussen &amp; Williams 2006, eq. 4.17).</summary>
    Matern52,

    /// <summary>Squared exponential (RBF): k(r) = σ² exp(−r²/2) (Rasmussen &amp; Williams 2006, eq. 4.9).</summary>
    SquaredExponential,
}
