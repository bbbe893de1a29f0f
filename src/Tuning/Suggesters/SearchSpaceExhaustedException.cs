namespace Tuning;

/// <summary>Thrown when a suggester has no new point to offer, such as a <see cref="GridSuggester"/> whose grid is used up.</summary>
public sealed class SearchSpaceExhaustedException : InvalidOperationException
{
    /// <summary>Creates the exception with a default message.</summary>
    public SearchSpaceExhaustedException()
        : base("The search space is exhausted: every point has been suggested.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What was exhausted.</param>
    public SearchSpaceExhaustedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What was exhausted.</param>
    /// <param name="innerException">The cause.</param>
    public SearchSpaceExhaustedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
