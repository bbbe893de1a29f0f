using System.Runtime.CompilerServices;

namespace Tuning.Numerics;

/// <summary>
/// A stationary kernel written as a function of the scaled squared distance r² (see <see cref="KernelKind"/>),
/// per unit signal variance, for any vector width.
/// </summary>
internal interface IStationaryKernel
{
    /// <summary>Returns k(r²) / σ² for each lane of <paramref name="r2"/>.</summary>
    /// <typeparam name="TVec">The vector type.</typeparam>
    /// <typeparam name="TOps">The operations on <typeparamref name="TVec"/>.</typeparam>
    /// <param name="r2">Scaled squared distances (non-negative).</param>
    /// <returns>The kernel values per unit signal variance.</returns>
    static abstract TVec Value<TVec, TOps>(TVec r2)
        where TVec : unmanaged
        where TOps : ISimdOps<TVec>;

    /// <summary>
    /// Returns k(r²) / σ² and, in <paramref name="lengthscaleFactor"/>, g(r²) / σ² such that
    /// ∂k/∂log ℓ_c = σ² g(r²) u_c² with u_c = (x_c − x′_c) / ℓ_c (because ∂r²/∂log ℓ_c = −2u_c², g = −2 dk/dr²).
    /// </summary>
    /// <typeparam name="TVec">The vector type.</typeparam>
    /// <typeparam name="TOps">The operations on <typeparamref name="TVec"/>.</typeparam>
    /// <param name="r2">Scaled squared distances (non-negative).</param>
    /// <param name="lengthscaleFactor">Receives g(r²) / σ².</param>
    /// <returns>The kernel values per unit signal variance.</returns>
    static abstract TVec ValueAndLengthscaleFactor<TVec, TOps>(TVec r2, out TVec lengthscaleFactor)
        where TVec : unmanaged
        where TOps : ISimdOps<TVec>;
}

/// <summary>
/// Matérn-5/2 with s = √5·r: k/σ² = (1 + s + s²/3)·e^(−s), and g/σ² = (5/3)(1 + s)·e^(−s)
/// (from dk/ds = −σ² s(1 + s)e^(−s)/3 and ds/dr² = 5/(2s)).
/// </summary>
internal readonly struct Matern52Kernel : IStationaryKernel
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Value<TVec, TOps>(TVec r2)
        where TVec : unmanaged
        where TOps : ISimdOps<TVec>
    {
        TVec s = TOps.Sqrt(TOps.Multiply(r2, TOps.Create(5.0)));
        TVec e = TOps.Exp(TOps.Subtract(TOps.Create(0.0), s));
        TVec one = TOps.Create(1.0);
        TVec poly = TOps.MultiplyAdd(s, TOps.MultiplyAdd(s, TOps.Create(1.0 / 3.0), one), one);
        return TOps.Multiply(poly, e);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec ValueAndLengthscaleFactor<TVec, TOps>(TVec r2, out TVec lengthscaleFactor)
        where TVec : unmanaged
        where TOps : ISimdOps<TVec>
    {
        TVec s = TOps.Sqrt(TOps.Multiply(r2, TOps.Create(5.0)));
        TVec e = TOps.Exp(TOps.Subtract(TOps.Create(0.0), s));
        TVec one = TOps.Create(1.0);
        TVec onePlusS = TOps.Add(s, one);
        lengthscaleFactor = TOps.Multiply(TOps.Multiply(onePlusS, e), TOps.Create(5.0 / 3.0));
        TVec poly = TOps.MultiplyAdd(s, TOps.MultiplyAdd(s, TOps.Create(1.0 / 3.0), one), one);
        return TOps.Multiply(poly, e);
    }
}

/// <summary>Squared exponential: k/σ² = e^(−r²/2), and g/σ² = e^(−r²/2) (dk/dr² = −k/2).</summary>
internal readonly struct SquaredExponentialKernel : IStationaryKernel
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Value<TVec, TOps>(TVec r2)
        where TVec : unmanaged
        where TOps : ISimdOps<TVec> =>
        TOps.Exp(TOps.Multiply(r2, TOps.Create(-0.5)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec ValueAndLengthscaleFactor<TVec, TOps>(TVec r2, out TVec lengthscaleFactor)
        where TVec : unmanaged
        where TOps : ISimdOps<TVec>
    {
        TVec value = TOps.Exp(TOps.Multiply(r2, TOps.Create(-0.5)));
        lengthscaleFactor = value;
        return value;
    }
}
