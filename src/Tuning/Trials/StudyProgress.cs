namespace Tuning;

/// <summary>Where a run of <see cref="Study.OptimizeAsync(Func{Trial, CancellationToken, Task{double}}, int, int, IProgress{StudyProgress}?, IReadOnlyCollection{Type}?, CancellationToken)"/> stands, reported after every trial.</summary>
/// <remarks>
/// The run makes one report at a time, in the order its trials finish, on the thread of the worker that finished the
/// trial, and a report that throws stops the run as an uncaught exception of the objective does. A
/// <see cref="Progress{T}"/> hands each report on to the thread pool (or to the synchronization context it was created
/// on), so its handler can see reports out of order, and some after the run has returned; to handle each report as it
/// is made, implement <see cref="IProgress{T}"/> directly.
/// </remarks>
public sealed record StudyProgress
{
    /// <summary>Gets how many trials this run has finished, in any state.</summary>
    public required int Finished { get; init; }

    /// <summary>
    /// Gets how many trials this run was asked for: fewer finish when the suggester runs out of points (a finished grid)
    /// or the run stops early (cancelled, or stopped by an error).
    /// </summary>
    public required int Total { get; init; }

    /// <summary>Gets how many of this run's trials completed.</summary>
    public required int Completed { get; init; }

    /// <summary>Gets how many of this run's trials failed.</summary>
    public required int Failed { get; init; }

    /// <summary>Gets how many of this run's trials were pruned.</summary>
    public required int Pruned { get; init; }

    /// <summary>Gets the trial that just finished.</summary>
    public required Trial LastTrial { get; init; }

    /// <summary>Gets the study's best trial so far (see <see cref="Study.BestTrial"/>), or <see langword="null"/> if there is none yet or the study has two objectives.</summary>
    public Trial? BestTrial { get; init; }

    /// <summary>Gets the best value of the first objective so far, or <see langword="null"/>.</summary>
    public double? BestValue => BestTrial?.Value;

    /// <summary>Gets the time since the run started.</summary>
    public required TimeSpan Elapsed { get; init; }
}
