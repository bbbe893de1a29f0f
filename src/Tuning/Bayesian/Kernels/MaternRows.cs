using System.Numerics.Tensors;

namespace Tuning.Bayesian.Kernels;

/// <summary>
/// Training inputs held for fast Matérn-5/2 covariances with one point at a time: the first <see cref="Columns"/>
/// columns of each row, scaled by their lengthscales and transposed (z_ci = x_ic/ℓ_c, one row of length capacity per
/// column), so a point's covariances with all n rows are a few vector operations over n (the squared distances, one
/// vectorized exp), and each gradient sum is one dot product per column. Nothing is allocated per point.
/// </summary>
/// <remarks>
/// With r_i the scaled distance to row i and σ² the scale, k_i = σ²(1 + √5 r_i + 5r_i²/3)e^{−√5 r_i}, and
/// ∂k_i/∂z_c = w_i·(z_c − z_ic)/ℓ_c with the slope w_i = −(5/3)σ²(1 + √5 r_i)e^{−√5 r_i}.
/// </remarks>
internal sealed class MaternRows
{
    private const double Sqrt5 = 2.23606797749979;

    private readonly double[] _lengthscales;
    private readonly double _scale;
    private readonly double[] _zx;
    private double[] _zt;
    private double[] _r = [], _scratch = [], _slopeBuffer = [];
    private int _capacity;

    /// <param name="lengthscales">One lengthscale per column used.</param>
    /// <param name="scale">The signal variance σ² the covariances are multiplied by.</param>
    /// <param name="capacity">The number of rows to make room for.</param>
    public MaternRows(ReadOnlySpan<double> lengthscales, double scale, int capacity)
    {
        Columns = lengthscales.Length;
        _scale = scale;
        _lengthscales = lengthscales.ToArray();
        _capacity = Math.Max(capacity, 1);
        _zt = new double[Columns * _capacity];
        _zx = new double[Columns];
        _r = new double[_capacity];
        _scratch = new double[_capacity];
    }

    /// <summary>Gets the number of leading columns of a row that the kernel reads.</summary>
    public int Columns { get; }

    /// <summary>Gets the number of rows held.</summary>
    public int Count { get; private set; }

    /// <summary>Adds a training row (only its leading <see cref="Columns"/> entries are read).</summary>
    public void Add(ReadOnlySpan<double> row)
    {
        if (Count == _capacity)
        {
            int capacity = _capacity * 2;
            double[] zt = new double[Columns * capacity];
            for (int c = 0; c < Columns; c++)
            {
                _zt.AsSpan(c * _capacity, Count).CopyTo(zt.AsSpan(c * capacity));
            }

            _zt = zt;
            _capacity = capacity;
            Array.Resize(ref _r, capacity);
            Array.Resize(ref _scratch, capacity);
        }

        for (int c = 0; c < Columns; c++)
        {
            _zt[(c * _capacity) + Count] = row[c] / _lengthscales[c];
        }

        Count++;
    }

    /// <summary>Forgets the rows after the first <paramref name="count"/>.</summary>
    public void Truncate(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Count);
        Count = count;
    }

    /// <summary>Writes k_i = k(x_i, z) for every row, and remembers z for <see cref="AddSlopeSums"/>.</summary>
    public void Covariances(ReadOnlySpan<double> z, Span<double> k)
    {
        int n = Count;
        Span<double> r = _r.AsSpan(0, n), e = _scratch.AsSpan(0, n);
        k = k[..n];
        e.Clear(); // e holds r² until it holds the exponential
        for (int c = 0; c < Columns; c++)
        {
            _zx[c] = z[c] / _lengthscales[c];
            TensorPrimitives.Subtract(_zt.AsSpan(c * _capacity, n), _zx[c], k); // k is scratch until written
            TensorPrimitives.MultiplyAdd(k, k, e, e);
        }

        // r = √r²; k = σ²(1 + √5 r + 5r²/3)e^{−√5 r}; r and the exponential are kept for the gradients.
        TensorPrimitives.Sqrt(e, r);
        TensorPrimitives.Multiply(e, 5.0 / 3, k);
        TensorPrimitives.MultiplyAdd(r, Sqrt5, k, k);
        TensorPrimitives.Add(k, 1.0, k);
        TensorPrimitives.Multiply(r, -Sqrt5, e);
        TensorPrimitives.Exp(e, e);
        TensorPrimitives.Multiply(k, e, k);
        TensorPrimitives.Multiply(k, _scale, k);
    }

    /// <summary>
    /// For the point of the last <see cref="Covariances"/> call (at most once per call), adds Σ_i a_i ∂k_i/∂z_c to <paramref name="gradientA"/>[c]
    /// and Σ_i b_i ∂k_i/∂z_c to <paramref name="gradientB"/>[c]. <paramref name="a"/> and <paramref name="b"/> are
    /// overwritten.
    /// </summary>
    public void AddSlopeSums(Span<double> a, Span<double> b, Span<double> gradientA, Span<double> gradientB)
    {
        int n = Count;
        Span<double> w = _scratch.AsSpan(0, n); // the exponential from Covariances, turned into the slope in place
        TensorPrimitives.Multiply(w, -(5.0 / 3) * _scale, w);
        Span<double> linear = _slopeBuffer.Length >= n ? _slopeBuffer.AsSpan(0, n) : (_slopeBuffer = new double[_capacity]).AsSpan(0, n);
        TensorPrimitives.Multiply(_r.AsSpan(0, n), Sqrt5, linear);
        TensorPrimitives.Add(linear, 1.0, linear);
        TensorPrimitives.Multiply(w, linear, w);

        a = a[..n];
        b = b[..n];
        TensorPrimitives.Multiply(b, w, b);
        TensorPrimitives.Multiply(a, w, a);
        double sumA = TensorPrimitives.Sum(a), sumB = TensorPrimitives.Sum(b);
        for (int c = 0; c < Columns; c++)
        {
            ReadOnlySpan<double> zc = _zt.AsSpan(c * _capacity, n);
            double inverse = 1 / _lengthscales[c];
            gradientA[c] += ((_zx[c] * sumA) - TensorPrimitives.Dot(zc, a)) * inverse;
            gradientB[c] += ((_zx[c] * sumB) - TensorPrimitives.Dot(zc, b)) * inverse;
        }
    }
}
