namespace Tuning.Tests.Support;

/// <summary>
/// Building blocks of shrinkers for structural generators: a failing case is replaced by smaller ones (fewer elements,
/// simpler numbers) until none still fails, so a failure is reported on the smallest case found.
/// </summary>
internal static class Shrink
{
    /// <summary>The array without each of its elements (down to <paramref name="minLength"/>), then with each element shrunk in turn.</summary>
    public static IEnumerable<T[]> Array<T>(T[] items, Func<T, IEnumerable<T>> element, int minLength = 0)
    {
        if (items.Length > minLength)
        {
            if (items.Length > minLength + 1 && items.Length / 2 >= minLength)
            {
                yield return items[..(items.Length / 2)];
            }

            for (int i = 0; i < items.Length; i++)
            {
                yield return [.. items[..i], .. items[(i + 1)..]];
            }
        }

        for (int i = 0; i < items.Length; i++)
        {
            foreach (T smaller in element(items[i]))
            {
                T[] copy = [.. items];
                copy[i] = smaller;
                yield return copy;
            }
        }
    }

    /// <summary>An integer's simpler values: <paramref name="simplest"/>, then halfway towards it.</summary>
    public static IEnumerable<int> Toward(int value, int simplest)
    {
        if (value != simplest)
        {
            yield return simplest;
            int half = simplest + ((value - simplest) / 2);
            if (half != simplest && half != value)
            {
                yield return half;
            }
        }
    }

    /// <summary>A double's simpler values: <paramref name="simplest"/>, then the value rounded to fewer digits.</summary>
    public static IEnumerable<double> Toward(double value, double simplest)
    {
        if (value == simplest)
        {
            yield break;
        }

        yield return simplest;
        foreach (int digits in new[] { 0, 1, 3 })
        {
            double rounded = Math.Round(value, digits);
            if (rounded != value && rounded != simplest)
            {
                yield return rounded;
                yield break;
            }
        }
    }

    /// <summary>Nothing simpler: for parts of a case that do not shrink.</summary>
    public static IEnumerable<T> None<T>(T value)
    {
        _ = value;
        return [];
    }
}
