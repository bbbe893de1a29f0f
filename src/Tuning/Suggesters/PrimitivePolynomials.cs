namespace Tuning;

/// <summary>
/// The primitive polynomials over GF(2), in the order Sobol generators use them: by degree, then by their
/// interior coefficients. A polynomial <c>x^s + a_1 x^(s−1) + … + a_(s−1) x + 1</c> is stored as the bits
/// <c>1 a_1 … a_(s−1) 1</c>. They are found by testing, so there is no limit on the dimension.
/// </summary>
internal static class PrimitivePolynomials
{
    private static readonly List<ulong> Found = [];
    private static readonly Lock Gate = new();
    private static int _nextDegree = 1;

    /// <summary>Gets the first <paramref name="count"/> primitive polynomials.</summary>
    public static ulong[] First(int count)
    {
        lock (Gate)
        {
            while (Found.Count < count)
            {
                int s = _nextDegree++;
                if (s > 40)
                {
                    throw new InvalidOperationException("Sobol sequences are limited to polynomials of degree 40.");
                }

                for (ulong a = 0; a < (1UL << (s - 1)); a++)
                {
                    ulong p = (1UL << s) | (a << 1) | 1UL;
                    if (IsPrimitive(p, s))
                    {
                        Found.Add(p);
                    }
                }
            }

            return [.. Found.Take(count)];
        }
    }

    /// <summary>Gets the degree of a polynomial stored as bits.</summary>
    public static int Degree(ulong p) => 63 - System.Numerics.BitOperations.LeadingZeroCount(p);

    /// <summary>A polynomial of degree s is primitive when x has multiplicative order exactly 2^s − 1 modulo it.</summary>
    private static bool IsPrimitive(ulong p, int s)
    {
        if (s == 1)
        {
            return p == 0b11; // x + 1
        }

        ulong order = (1UL << s) - 1;
        if (PowX(order, p, s) != 1)
        {
            return false;
        }

        foreach (ulong q in PrimeFactors(order))
        {
            if (PowX(order / q, p, s) == 1)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>x^e mod p over GF(2).</summary>
    private static ulong PowX(ulong e, ulong p, int s)
    {
        ulong result = 1, square = 2; // the polynomials 1 and x
        while (e > 0)
        {
            if ((e & 1) != 0)
            {
                result = MulMod(result, square, p, s);
            }

            square = MulMod(square, square, p, s);
            e >>= 1;
        }

        return result;
    }

    private static ulong MulMod(ulong a, ulong b, ulong p, int s)
    {
        ulong result = 0;
        while (b != 0)
        {
            if ((b & 1) != 0)
            {
                result ^= a;
            }

            b >>= 1;
            a <<= 1;
            if ((a & (1UL << s)) != 0)
            {
                a ^= p;
            }
        }

        return result;
    }

    private static List<ulong> PrimeFactors(ulong n)
    {
        var factors = new List<ulong>();
        for (ulong f = 2; f * f <= n; f++)
        {
            if (n % f == 0)
            {
                factors.Add(f);
                while (n % f == 0)
                {
                    n /= f;
                }
            }
        }

        if (n > 1)
        {
            factors.Add(n);
        }

        return factors;
    }
}
