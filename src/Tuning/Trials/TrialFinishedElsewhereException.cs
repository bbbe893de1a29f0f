namespace Tuning;

/// <summary>
/// A trial could not be finished because the storage holds it finished already, by another worker or another
/// <see cref="Study"/> object (failed as stale while this one was paused, say); the trial now shows the stored state.
/// The message is the storage's.
/// </summary>
internal sealed class TrialFinishedElsewhereException(InvalidOperationException refusal)
    : InvalidOperationException(refusal.Message, refusal);
