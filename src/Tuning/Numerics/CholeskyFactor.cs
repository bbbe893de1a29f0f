namespace Tuning.Numerics;

/// <summary>
/// The Cholesky factorization K = L·Lᵀ of a symmetric positive-definite matrix, as an object that solves, gives the
/// log-determinant and the inverse, and grows by new rows in O(n²k) (<see cref="Extend"/>).
/// </summary>
/// <remarks>
/// L is stored row-major in a square buffer of side <see cref="Capacity"/> (the row stride), of which the leading
/// <see cref="Order"/>×<see cref="Order"/> lower triangle is the factor; the rest of the buffer is scratch. A factor
/// made with jitter factors K + <see cref="Jitter"/>·I, and <see cref="Extend"/> keeps adding that jitter. Failures
/// (not positive definite, NaN/∞) are returned as a <see cref="CholeskyResult"/>, never thrown; a factor whose last
/// factorization failed has <see cref="Order"/> 0 and must be refactored before use.
/// </remarks>
internal sealed partial class CholeskyFactor
{
    /// <summary>The first jitter tried, relative to the mean diagonal.</summary>
    public const double InitialRelativeJitter = 1e-10;

    /// <summary>The default largest jitter, relative to the mean diagonal.</summary>
    public const double DefaultMaxRelativeJitter = 1e-2;

    private double[] _data;
    private int _stride;

    /// <summary>Initializes an empty factor with room for matrices up to order <paramref name="capacity"/>.</summary>
    /// <param name="capacity">The largest order factored or extended to without reallocating.</param>
    public CholeskyFactor(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _stride = Math.Max(capacity, 1);
        _data = new double[_stride * _stride];
    }

    private CholeskyFactor(double[] data, int order)
    {
        _data = data;
        _stride = Math.Max(order, 1);
    }

    /// <summary>Gets the order n of the factored matrix (0 when empty or after a failed factorization).</summary>
    public int Order { get; private set; }

    /// <summary>Gets the row stride of <see cref="Data"/>: the largest order reachable without reallocating.</summary>
    public int Capacity => _stride;

    /// <summary>
    /// Gets or sets a value indicating whether factorizations, inverses and many-right-hand-side solves may use two
    /// threads for their large block products (only products above <see cref="Gemm.ParallelThreshold"/> multiply-adds
    /// are split). Each entry of a product is the same computation on either thread, so the results are the same.
    /// </summary>
    /// <value>The default value is <see langword="false"/>: single-threaded.</value>
    public bool UseParallelism { get; set; }

    /// <summary>Gets the multiple of the identity that was added to the diagonal before factoring.</summary>
    public double Jitter { get; private set; }

    /// <summary>Gets the storage: L[i, j] = Data[i·<see cref="Capacity"/> + j] for j ≤ i &lt; <see cref="Order"/>.</summary>
    public ReadOnlySpan<double> Data => _data;

    /// <summary>Gets L[i, j] (zero above the diagonal).</summary>
    /// <param name="i">Row.</param>
    /// <param name="j">Column.</param>
    /// <returns>The entry of L.</returns>
    public double this[int i, int j]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)i, (uint)Order, nameof(i));
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)j, (uint)Order, nameof(j));
            return j <= i ? _data[(i * _stride) + j] : 0.0;
        }
    }

    /// <summary>Gets log det K = 2 Σ log L[i, i] (of the jittered matrix when <see cref="Jitter"/> &gt; 0).</summary>
    public double LogDeterminant
    {
        get
        {
            double sum = 0;
            for (int i = 0; i < Order; i++)
            {
                sum += Math.Log(_data[(i * _stride) + i]);
            }

            return 2 * sum;
        }
    }

    /// <summary>Factors a copy of <paramref name="matrix"/> (n×n row-major; only its lower triangle is read).</summary>
    /// <param name="matrix">The symmetric matrix.</param>
    /// <param name="order">Its order n.</param>
    /// <param name="factor">The factor on success, otherwise null.</param>
    /// <param name="capacity">Room to reserve for later <see cref="Extend"/> calls (at least <paramref name="order"/>).</param>
    /// <returns>Success, or the failing column and why.</returns>
    public static CholeskyResult TryCreate(ReadOnlySpan<double> matrix, int order, out CholeskyFactor? factor, int capacity = 0)
    {
        var created = new CholeskyFactor(Math.Max(order, capacity));
        CholeskyResult result = created.TryFactor(matrix, order);
        factor = result.IsSuccess ? created : null;
        return result;
    }

    /// <summary>
    /// Factors <paramref name="matrix"/> (n×n row-major) in place and, on success, wraps it without copying: its lower
    /// triangle becomes L, its strict upper triangle is left as it was. On failure the array holds a partial factor.
    /// </summary>
    /// <param name="matrix">The symmetric matrix; the factor takes ownership of it.</param>
    /// <param name="order">Its order n.</param>
    /// <param name="factor">The factor on success, otherwise null.</param>
    /// <param name="parallel">Whether the factorization may use two threads (<see cref="UseParallelism"/>, which the factor does not keep).</param>
    /// <returns>Success, or the failing column and why.</returns>
    public static CholeskyResult TryCreateInPlace(double[] matrix, int order, out CholeskyFactor? factor, bool parallel = false)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        CholeskyResult result = Cholesky.Factor(matrix, order, Math.Max(order, 1), parallel);
        factor = result.IsSuccess ? new CholeskyFactor(matrix, order) { Order = order } : null;
        return result;
    }

    /// <summary>Factors a copy of <paramref name="matrix"/>, adding jitter as needed (see <see cref="TryFactorWithJitter"/>).</summary>
    /// <param name="matrix">The symmetric matrix, n×n row-major.</param>
    /// <param name="order">Its order n.</param>
    /// <param name="factor">The factor on success, otherwise null.</param>
    /// <param name="maxRelativeJitter">The largest jitter tried, relative to the mean diagonal.</param>
    /// <param name="capacity">Room to reserve for later <see cref="Extend"/> calls.</param>
    /// <param name="parallel">Whether the factorization may use two threads (<see cref="UseParallelism"/>, which the factor does not keep).</param>
    /// <returns>Success with the jitter used, or the last failure.</returns>
    public static CholeskyResult TryCreateWithJitter(ReadOnlySpan<double> matrix, int order, out CholeskyFactor? factor,
        double maxRelativeJitter = DefaultMaxRelativeJitter, int capacity = 0, bool parallel = false)
    {
        var created = new CholeskyFactor(Math.Max(order, capacity)) { UseParallelism = parallel };
        CholeskyResult result = created.TryFactorWithJitter(matrix, order, maxRelativeJitter);
        created.UseParallelism = false;
        factor = result.IsSuccess ? created : null;
        return result;
    }

    /// <summary>
    /// Factors a copy of <paramref name="matrix"/> into this factor's storage (no allocation when it fits the
    /// <see cref="Capacity"/>); only the lower triangle of the matrix is read.
    /// </summary>
    /// <param name="matrix">The symmetric matrix, n×n row-major.</param>
    /// <param name="order">Its order n.</param>
    /// <returns>Success, or the failing column and why.</returns>
    public CholeskyResult TryFactor(ReadOnlySpan<double> matrix, int order) => TryFactor(matrix, order, 0.0);

    /// <summary>
    /// Factors K + jitter·I, trying jitter = 0 first, then 1e-10 × the mean diagonal, growing ×10 per step up to
    /// <paramref name="maxRelativeJitter"/> × the mean diagonal. NaN or ∞ stops at once (jitter cannot fix it).
    /// </summary>
    /// <param name="matrix">The symmetric matrix, n×n row-major.</param>
    /// <param name="order">Its order n.</param>
    /// <param name="maxRelativeJitter">The largest jitter tried, relative to the mean diagonal.</param>
    /// <returns>Success with the jitter used in <see cref="CholeskyResult.Jitter"/>, or the last failure.</returns>
    public CholeskyResult TryFactorWithJitter(ReadOnlySpan<double> matrix, int order, double maxRelativeJitter = DefaultMaxRelativeJitter)
    {
        CholeskyResult result = TryFactor(matrix, order, 0.0);
        if (result.Status != CholeskyStatus.NotPositiveDefinite)
        {
            return result;
        }

        double meanDiagonal = 0;
        for (int i = 0; i < order; i++)
        {
            meanDiagonal += Math.Abs(matrix[(i * order) + i]);
        }

        meanDiagonal = meanDiagonal > 0 ? meanDiagonal / order : 1.0;

        // Compare with a little slack so that 1e-10 × 10⁸ still counts as reaching 1e-2.
        for (double relative = InitialRelativeJitter; relative <= maxRelativeJitter * (1 + 1e-9); relative *= 10)
        {
            result = TryFactor(matrix, order, relative * meanDiagonal);
            if (result.Status != CholeskyStatus.NotPositiveDefinite)
            {
                return result;
            }
        }

        return result;
    }

    /// <summary>Forgets the trailing rows, keeping the factor of the leading <paramref name="order"/>×<paramref name="order"/> block (e.g. to drop fantasy points).</summary>
    /// <param name="order">The new order (≤ <see cref="Order"/>).</param>
    public void Truncate(int order)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(order);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(order, Order);
        Order = order;
    }

    /// <summary>Returns L as a new n×n row-major array with zeros above the diagonal.</summary>
    /// <returns>A copy of L.</returns>
    public double[] ToArray()
    {
        int n = Order;
        var copy = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            _data.AsSpan(i * _stride, i + 1).CopyTo(copy.AsSpan(i * n));
        }

        return copy;
    }

    private CholeskyResult TryFactor(ReadOnlySpan<double> matrix, int order, double jitter)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(order);
        if (matrix.Length < order * order)
        {
            throw new ArgumentException($"Expected {order}×{order} values, got {matrix.Length}.", nameof(matrix));
        }

        EnsureCapacity(order, preserve: 0);
        for (int i = 0; i < order; i++)
        {
            matrix.Slice(i * order, i + 1).CopyTo(_data.AsSpan(i * _stride));
            _data[(i * _stride) + i] += jitter;
        }

        CholeskyResult result = Cholesky.Factor(_data, order, _stride, UseParallelism);
        Order = result.IsSuccess ? order : 0;
        Jitter = jitter;
        return result with { Jitter = jitter };
    }

    /// <summary>Grows the storage to at least <paramref name="order"/>, keeping the first <paramref name="preserve"/> rows.</summary>
    private void EnsureCapacity(int order, int preserve)
    {
        if (order <= _stride)
        {
            return;
        }

        int stride = Math.Max(order, _stride + (_stride / 2));
        var data = new double[stride * stride];
        for (int i = 0; i < preserve; i++)
        {
            _data.AsSpan(i * _stride, i + 1).CopyTo(data.AsSpan(i * stride));
        }

        _data = data;
        _stride = stride;
    }
}
