namespace Tuning;

/// <summary>Derives independent, reproducible random streams from a user's seed and a position in the history.</summary>
internal static class Seeds
{
    /// <summary>A fresh random seed for an unseeded suggester.</summary>
    public static int Fresh() => Random.Shared.Next();

    /// <summary>Mixes a seed with further integers (for example the history's length) into a new seed, by SplitMix64.</summary>
    public static int Derive(int seed, long a, long b = 0)
    {
        ulong z = Mix(unchecked((ulong)seed) ^ Mix(unchecked((ulong)a) + 0x9E3779B97F4A7C15UL) ^ Mix(unchecked((ulong)b) + 0xD1B54A32D192ED03UL));
        return (int)(z >> 33);
    }

    /// <summary>A random stream for <paramref name="seed"/> at position (<paramref name="a"/>, <paramref name="b"/>).</summary>
    public static Random Stream(int seed, long a, long b = 0) => new(Derive(seed, a, b));

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
