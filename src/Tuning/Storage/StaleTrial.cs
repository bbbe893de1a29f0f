namespace Tuning;

/// <summary>How a trial abandoned by its worker is marked.</summary>
internal static class StaleTrial
{
    /// <summary>The failure reason of a trial whose worker stopped sending heartbeats.</summary>
    public const string Reason = "stale: no heartbeat from its worker within the grace period";
}
