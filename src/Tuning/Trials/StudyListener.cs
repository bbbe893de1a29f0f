namespace Tuning;

/// <summary>
/// Receives the events of a study, in the order they happen, with their timings: asks, tells, failures, prunes and
/// model fits. Set one in <see cref="StudyOptions.Listener"/>; the Tuning.Extensions.Logging package provides one that
/// writes to an <c>ILogger</c>. Every method does nothing by default, so a listener overrides only what it needs.
/// </summary>
/// <remarks>
/// Events are raised on the thread that called the study, after the storage has recorded the change, and while the
/// study's lock is held, so a listener sees them one at a time and in order. Keep handlers quick; an exception thrown
/// by a handler reaches the caller of the study method, after the change was recorded. When <see cref="OnAsked"/>
/// throws, the trials of that ask are failed first (their caller never receives them), so none is left running.
/// <see cref="OnModelFitted"/> is the exception: it is raised during the ask, before its trials are stored, so an
/// exception from it fails the ask with nothing stored, and a handler that always throws there stops every ask that
/// fits a model.
/// </remarks>
public abstract class StudyListener
{
    /// <summary>Called after an ask started trials.</summary>
    /// <param name="study">The study.</param>
    /// <param name="trials">The trials started, in id order.</param>
    /// <param name="duration">The time the ask took, suggestion and storage included.</param>
    public virtual void OnAsked(Study study, IReadOnlyList<Trial> trials, TimeSpan duration)
    {
    }

    /// <summary>Called during an ask, before <see cref="OnAsked"/>, when the suggester fitted a model.</summary>
    /// <param name="study">The study.</param>
    /// <param name="fit">The model's size and timings.</param>
    public virtual void OnModelFitted(Study study, ModelFit fit)
    {
    }

    /// <summary>Called after a trial was completed with its values.</summary>
    /// <param name="study">The study.</param>
    /// <param name="trial">The completed trial.</param>
    /// <param name="duration">The time the tell took.</param>
    public virtual void OnTold(Study study, Trial trial, TimeSpan duration)
    {
    }

    /// <summary>
    /// Called after a trial was marked failed: by this study, or by its sweep of the trials of dead workers
    /// (<see cref="Study.FailStaleTrials"/>, and the sweep before an ask), which raises it for each trial it failed as stale.
    /// </summary>
    /// <param name="study">The study.</param>
    /// <param name="trial">The failed trial, with its <see cref="Trial.FailReason"/>.</param>
    /// <param name="duration">The time the call took.</param>
    public virtual void OnFailed(Study study, Trial trial, TimeSpan duration)
    {
    }

    /// <summary>Called after a trial was pruned.</summary>
    /// <param name="study">The study.</param>
    /// <param name="trial">The pruned trial, with its reports.</param>
    /// <param name="duration">The time the call took.</param>
    public virtual void OnPruned(Study study, Trial trial, TimeSpan duration)
    {
    }
}
