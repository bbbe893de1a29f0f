namespace Tuning;

/// <summary>
/// Thrown by an objective when its trial's configuration gives no usable result (a training run that diverged, a model
/// that predicts NaN), as opposed to a mistake that every trial would make. Under <see cref="Study.Optimize(Func{Trial, double}, int, IProgress{StudyProgress}?, IReadOnlyCollection{Type}?, CancellationToken)"/>
/// and <see cref="Study.OptimizeAsync(Func{Trial, CancellationToken, Task{double}}, int, int, IProgress{StudyProgress}?, IReadOnlyCollection{Type}?, CancellationToken)"/>
/// it fails its trial with its message, and the run goes on without a <c>catch:</c> list; the suggesters then steer
/// away from the configuration. It derives from <see cref="InvalidOperationException"/>, so code that catches that
/// still catches it.
/// </summary>
public sealed class TrialFailedException : InvalidOperationException
{
    /// <summary>Creates the exception with a default message.</summary>
    public TrialFailedException()
        : base("The trial's configuration gave no usable result.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">Why the configuration gave no usable result; it becomes the trial's fail reason.</param>
    public TrialFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">Why the configuration gave no usable result; it becomes the trial's fail reason.</param>
    /// <param name="innerException">The cause.</param>
    public TrialFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
