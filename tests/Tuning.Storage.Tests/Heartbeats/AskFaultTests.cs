using Tuning.Storage.Testing;

namespace Tuning.Storage.Tests;

/// <summary>An ask whose trials the storage started, but that fails before handing them out, leaves none running.</summary>
public sealed class AskFaultTests
{
    [Fact]
    public void An_ask_served_from_the_queue_whose_read_then_fails_fails_the_trial_it_started()
    {
        var clock = new ManualTimeProvider(StoredTrials.T0);
        var storage = new FlakyStorage(clock);
        Study study = Study.Create(storage, "s", StoredTrials.Space, [Metric.Minimize("loss")], new RandomSuggester(seed: 1), new StudyOptions { TimeProvider = clock });
        study.Enqueue(new Dictionary<string, object> { ["x"] = 0.5, ["y"] = 0.5, ["kind"] = "a" });
        storage.FailNextReads = 1; // the read after the queue filled the ask

        var e = Assert.Throws<TimeoutException>(() => study.Ask());

        Assert.Contains("unreachable", e.Message, StringComparison.Ordinal);
        Trial abandoned = Assert.Single(study.Trials);
        Assert.Equal(TrialState.Failed, abandoned.State);
        Assert.Contains("never handed out", abandoned.FailReason, StringComparison.Ordinal);
    }
}
