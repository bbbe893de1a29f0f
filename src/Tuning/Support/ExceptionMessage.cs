namespace Tuning;

/// <summary>Messages of exceptions quoted inside other messages.</summary>
internal static class ExceptionMessage
{
    /// <summary>
    /// The exception's message without the <c>(Parameter 'x')</c> that <see cref="ArgumentException"/> appends, for a
    /// message that quotes it and names a parameter of its own.
    /// </summary>
    public static string WithoutParameter(Exception exception)
    {
        string suffix = exception is ArgumentException { ParamName: string name } ? $" (Parameter '{name}')" : string.Empty;
        return suffix.Length > 0 && exception.Message.EndsWith(suffix, StringComparison.Ordinal)
            ? exception.Message[..^suffix.Length]
            : exception.Message;
    }
}
