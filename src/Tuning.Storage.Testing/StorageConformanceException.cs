namespace Tuning.Storage.Testing;

/// <summary>Thrown by <see cref="StudyStorageConformance.Run"/> when a storage breaks a rule of the conformance suite.</summary>
public sealed class StorageConformanceException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public StorageConformanceException()
        : base("The storage does not conform.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The check and what the storage did instead of what the rule requires.</param>
    public StorageConformanceException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The check and what the storage did instead of what the rule requires.</param>
    /// <param name="innerException">The cause.</param>
    public StorageConformanceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
