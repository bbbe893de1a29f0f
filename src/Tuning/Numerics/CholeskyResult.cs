namespace Tuning.Numerics;

/// <summary>How a Cholesky factorization ended.</summary>
internal enum CholeskyStatus
{
    /// <summary>The matrix was factored.</summary>
    Success,

    /// <summary>A pivot was zero or negative: the matrix is not (numerically) positive definite. Add jitter and retry.</summary>
    NotPositiveDefinite,

    /// <summary>The matrix holds NaN or ±∞ (or the factorization overflowed); jitter will not help.</summary>
    NonFinite,
}

/// <summary>The outcome of a Cholesky factorization: reported, never thrown, so the caller can add jitter.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="Column">The column (= row) whose pivot failed, or −1 on success.</param>
/// <param name="Jitter">The multiple of the identity added to the diagonal before factoring (0 when none).</param>
internal readonly record struct CholeskyResult(CholeskyStatus Status, int Column, double Jitter = 0)
{
    /// <summary>A successful factorization without jitter.</summary>
    public static CholeskyResult Success => new(CholeskyStatus.Success, -1);

    /// <summary>Gets a value indicating whether the matrix was factored.</summary>
    public bool IsSuccess => Status == CholeskyStatus.Success;

    /// <summary>Returns this result with its column shifted by <paramref name="offset"/> (for a sub-block).</summary>
    /// <param name="offset">The index of the sub-block's first column.</param>
    /// <returns>The shifted result.</returns>
    public CholeskyResult Offset(int offset) => IsSuccess ? this : this with { Column = Column + offset };
}
