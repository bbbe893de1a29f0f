namespace Tuning.Cli.Tests.Support;

/// <summary>A clock that moves only when the test says so, so that trial times and durations are exact.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
