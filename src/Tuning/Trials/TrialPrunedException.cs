namespace Tuning;

/// <summary>
/// Thrown by an objective passed to <see cref="Study.OptimizeAsync(Func{Trial, CancellationToken, Task{double}}, int, int, IProgress{StudyProgress}?, IReadOnlyCollection{Type}?, CancellationToken)"/>
/// to stop its trial as pruned, typically after <see cref="Study.ShouldPrune"/> returned true.
/// </summary>
public sealed class TrialPrunedException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public TrialPrunedException()
        : base("The trial was pruned.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">Why the trial was pruned.</param>
    public TrialPrunedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">Why the trial was pruned.</param>
    /// <param name="innerException">The cause.</param>
    public TrialPrunedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
