namespace Tuning.Benchmarks;

/// <summary>
/// glibc's <c>srand</c>/<c>rand</c> (the default TYPE_3 additive feedback generator), so the reference matrices are
/// bit-for-bit those of <c>shared/tools/lapack-reference/potrf.c</c>.
/// </summary>
internal sealed class GlibcRandom
{
    public const int RandMax = int.MaxValue;
    private readonly int[] _state = new int[34];
    private int _index;
    private readonly List<int> _history = [];

    public GlibcRandom(uint seed)
    {
        if (seed == 0)
        {
            seed = 1;
        }

        var r = new int[344 + 34];
        r[0] = (int)seed;
        for (int i = 1; i < 31; i++)
        {
            // r[i] = (16807 * r[i-1]) % 2147483647, computed as glibc does without overflow.
            long hi = r[i - 1] / 127773;
            long lo = r[i - 1] % 127773;
            long word = (16807 * lo) - (2836 * hi);
            if (word < 0)
            {
                word += 2147483647;
            }

            r[i] = (int)word;
        }

        for (int i = 31; i < 34; i++)
        {
            r[i] = r[i - 31];
        }

        _history.AddRange(r.AsSpan(0, 34).ToArray());
        for (int i = 34; i < 344; i++)
        {
            _history.Add(unchecked(_history[i - 31] + _history[i - 3]));
        }

        _index = 344;
        _ = _state;
    }

    public int Next()
    {
        int value = unchecked(_history[_index - 31] + _history[_index - 3]);
        _history.Add(value);
        _index++;
        return (int)((uint)value >> 1);
    }
}
