namespace Tuning;

/// <summary>Where a trial is in its life.</summary>
public enum TrialState
{
    /// <summary>Asked for and not yet finished; suggesters treat it as pending.</summary>
    Running,

    /// <summary>Finished with a value for every metric.</summary>
    Completed,

    /// <summary>Finished without a result (an error, a diverged run, or a worker that stopped sending heartbeats).</summary>
    Failed,

    /// <summary>Stopped early because its intermediate values were not promising.</summary>
    Pruned,
}
