namespace Tuning;

/// <summary>The checks every pruner makes of its arguments before it reads them.</summary>
internal static class PrunerArguments
{
    /// <summary>Throws unless <paramref name="trial"/> and <paramref name="trials"/>, and every trial in it, are given.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="trial"/> or <paramref name="trials"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="trials"/> contains <see langword="null"/>.</exception>
    public static void Check(Trial trial, IReadOnlyList<Trial> trials)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(trials);
        for (int i = 0; i < trials.Count; i++)
        {
            if (trials[i] is null)
            {
                throw new ArgumentException($"The list of trials contains null (at index {i}).", nameof(trials));
            }
        }
    }
}
