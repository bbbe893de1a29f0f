namespace Tuning;

/// <summary>
/// A scrambled Sobol sequence in [0, 1)^d with 32-bit resolution, of any dimension.
/// </summary>
/// <remarks>
/// Dimension 1 is the van der Corput sequence; dimension j &gt; 1 uses the (j−1)-th primitive polynomial. The initial
/// direction numbers of dimensions 2–13 are those of Joe and Kuo (2008, "new-joe-kuo-6.21201"); later dimensions draw
/// odd initial numbers from a fixed stream, which gives a valid (t, s)-sequence whose quality the scrambling evens out.
/// Each dimension is then scrambled by a random lower-triangular binary matrix and a random digital shift
/// (Matoušek 1998; the same scheme as SciPy's <c>qmc.Sobol</c>), which keeps the net structure and makes the points
/// unbiased. Point <c>n</c> is computed directly from the Gray code of <c>n</c>.
/// </remarks>
internal sealed class SobolSequence
{
    private const int Bits = 32;

    // Initial direction numbers m_1..m_s for dimensions 2..13 (Joe & Kuo 2008).
    private static readonly uint[][] JoeKuoInitial =
    [
        [1], [1, 3], [1, 3, 1], [1, 1, 1], [1, 1, 3, 3], [1, 3, 5, 13], [1, 1, 5, 5, 17], [1, 1, 5, 5, 5],
        [1, 1, 7, 11, 19], [1, 1, 5, 1, 1], [1, 1, 1, 3, 11], [1, 3, 5, 5, 31],
    ];

    private readonly uint[] _directions; // [dimension * Bits + k], scrambled
    private readonly uint[] _shift;

    public SobolSequence(int dimension, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        Dimension = dimension;
        _directions = new uint[dimension * Bits];
        _shift = new uint[dimension];
        ulong[] polynomials = dimension > 1 ? PrimitivePolynomials.First(dimension - 1) : [];
        var initialStream = new Random(0x50B01);
        var scramble = Seeds.Stream(seed, 0x5C4A);
        var v = new uint[Bits];
        for (int j = 0; j < dimension; j++)
        {
            DirectionNumbers(j, j == 0 ? 0 : polynomials[j - 1], initialStream, v);
            Scramble(v, scramble, _directions.AsSpan(j * Bits, Bits));
            _shift[j] = (uint)scramble.NextInt64(0, 1L << 32);
        }
    }

    public int Dimension { get; }

    /// <summary>
    /// Writes the first <paramref name="count"/> points, each a row of <see cref="Dimension"/> values, to
    /// <paramref name="destination"/>: the same points as <see cref="Point"/>, in Gray-code order each from the last by
    /// one XOR per dimension (Antonov and Saleev 1979), so O(d) per point.
    /// </summary>
    public void Fill(int count, Span<double> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        int d = Dimension;
        Span<uint> x = d <= 64 ? stackalloc uint[d] : new uint[d];
        _shift.AsSpan().CopyTo(x);
        for (int i = 0; i < count; i++)
        {
            if (i > 0)
            {
                // Point i differs from point i − 1 by the direction of the lowest set bit of i.
                int k = System.Numerics.BitOperations.TrailingZeroCount(i);
                for (int j = 0; j < d; j++)
                {
                    x[j] ^= _directions[(j * Bits) + k];
                }
            }

            Span<double> row = destination.Slice(i * d, d);
            for (int j = 0; j < d; j++)
            {
                row[j] = x[j] * (1.0 / 4294967296.0);
            }
        }
    }

    /// <summary>Writes point <paramref name="index"/> of the sequence to <paramref name="destination"/>.</summary>
    public void Point(long index, Span<double> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        if (index >= 1L << Bits)
        {
            throw new ArgumentOutOfRangeException(nameof(index), "A 32-bit Sobol sequence has 2^32 points.");
        }

        uint gray = (uint)(index ^ (index >> 1));
        for (int j = 0; j < Dimension; j++)
        {
            uint x = _shift[j];
            ReadOnlySpan<uint> v = _directions.AsSpan(j * Bits, Bits);
            for (uint g = gray, k = 0; g != 0; g >>= 1, k++)
            {
                if ((g & 1) != 0)
                {
                    x ^= v[(int)k];
                }
            }

            destination[j] = x * (1.0 / 4294967296.0);
        }
    }

    /// <summary>Direction numbers v_k = m_k · 2^(32−k), by the recurrence of the polynomial (Bratley and Fox 1988).</summary>
    private static void DirectionNumbers(int j, ulong polynomial, Random initialStream, uint[] v)
    {
        if (j == 0)
        {
            for (int k = 0; k < Bits; k++)
            {
                v[k] = 1u << (Bits - 1 - k);
            }

            return;
        }

        int s = PrimitivePolynomials.Degree(polynomial);
        var m = new uint[Bits];
        for (int k = 0; k < Math.Min(s, Bits); k++)
        {
            m[k] = j - 1 < JoeKuoInitial.Length
                ? JoeKuoInitial[j - 1][k]
                : (uint)((initialStream.Next(0, 1 << k) << 1) | 1); // odd and below 2^(k+1)
        }

        for (int k = s; k < Bits; k++)
        {
            uint value = m[k - s] ^ (m[k - s] << s);
            for (int i = 1; i < s; i++)
            {
                if (((polynomial >> (s - i)) & 1) != 0)
                {
                    value ^= m[k - i] << i;
                }
            }

            m[k] = value;
        }

        for (int k = 0; k < Bits; k++)
        {
            v[k] = m[k] << (Bits - 1 - k);
        }
    }

    /// <summary>Multiplies the direction numbers by a random lower-triangular binary matrix with a unit diagonal.</summary>
    private static void Scramble(uint[] v, Random random, Span<uint> destination)
    {
        // Row r of the matrix acts on the r-th most significant bit: output bit r is the XOR of input bits 0..r
        // (most significant first) selected by the row, so higher bits never depend on lower ones.
        var rows = new uint[Bits];
        for (int r = 0; r < Bits; r++)
        {
            uint mask = r == 0 ? 0 : (uint)random.NextInt64(0, 1L << r) << (Bits - r);
            rows[r] = mask | (1u << (Bits - 1 - r));
        }

        for (int k = 0; k < Bits; k++)
        {
            uint scrambled = 0;
            for (int r = 0; r < Bits; r++)
            {
                if ((System.Numerics.BitOperations.PopCount(rows[r] & v[k]) & 1) != 0)
                {
                    scrambled |= 1u << (Bits - 1 - r);
                }
            }

            destination[k] = scrambled;
        }
    }
}
