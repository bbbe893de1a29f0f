namespace Tuning.Bayesian.Models;

/// <summary>
/// What a suggester remembers between asks to make the next fit cheap: each model's last hyperparameters (the warm
/// starts), and which output warping won the last comparison and when, so the comparison need not run at every ask.
/// </summary>
internal sealed class FitMemory
{
    /// <summary>Below this many observations, every ask compares the warpings; above, every <see cref="RecompareEvery"/> new observations.</summary>
    public const int AlwaysCompareBelow = 100;

    /// <summary>How many new observations trigger a new comparison of the warpings.</summary>
    public const int RecompareEvery = 20;

    public Dictionary<ModelRole, double[]> WarmStarts { get; } = [];

    public int? Warping { get; private set; }

    public int WarpingChosenAt { get; private set; }

    /// <summary>Gets whether the warpings should be compared again with <paramref name="observations"/> observations.</summary>
    public bool ShouldCompareWarpings(int observations) =>
        Warping is null || observations < AlwaysCompareBelow || observations - WarpingChosenAt >= RecompareEvery;

    public void RememberWarping(int choice, int observations)
    {
        Warping = choice;
        WarpingChosenAt = observations;
    }

    public void Clear()
    {
        WarmStarts.Clear();
        Warping = null;
        WarpingChosenAt = 0;
    }
}
