namespace Tuning.Bayesian.Models;

/// <summary>
/// What a suggester remembers between asks to make the next fit cheap: each model's last fit (its hyperparameters,
/// which warm-start the next fit, and the model itself, which the next ask can extend by the new rows), and which
/// output warping won the last comparison and when, so the comparison need not run at every ask.
/// </summary>
internal sealed class FitMemory
{
    /// <summary>
    /// Below this many observations, every ask compares the warpings; above, once the observations have grown by
    /// <see cref="RecompareEvery"/> or by <see cref="RecompareGrowth"/> of their number at the last comparison, whichever is more.
    /// </summary>
    public const int AlwaysCompareBelow = 100;

    /// <summary>The fewest new observations that trigger a new comparison of the warpings.</summary>
    public const int RecompareEvery = 20;

    /// <summary>The growth of the observations, as a share of their number at the last comparison, that triggers a new one.</summary>
    public const double RecompareGrowth = 0.2;

    /// <summary>Gets the last fit of each model.</summary>
    public Dictionary<ModelRole, CachedFit> Fits { get; } = [];

    public int? Warping { get; private set; }

    public int WarpingChosenAt { get; private set; }

    /// <summary>
    /// Gets whether the warpings should be compared with <paramref name="observations"/> observations. A suggester that
    /// starts on a long history (a study resumed, say) first fits the default warping alone, and compares once the
    /// history has grown as between two comparisons: its first ask then costs one cold fit, not one per warping.
    /// </summary>
    public bool ShouldCompareWarpings(int observations)
    {
        if (observations < AlwaysCompareBelow)
        {
            return true;
        }

        if (Warping is null)
        {
            RememberWarping(0, observations);
            return false;
        }

        return observations - WarpingChosenAt >= Math.Max(RecompareEvery, RecompareGrowth * WarpingChosenAt);
    }

    public void RememberWarping(int choice, int observations)
    {
        Warping = choice;
        WarpingChosenAt = observations;
    }

    public void Clear()
    {
        Fits.Clear();
        Warping = null;
        WarpingChosenAt = 0;
    }
}
