namespace Tuning;

/// <summary>
/// A setting of a space's fidelity as the suggesters handle it: a value of a range fidelity, or a task of a task
/// fidelity (by its index in <see cref="Fidelity.Tasks"/>). It is a type of its own so that a task index is never
/// read as a value of a range, or the other way round.
/// </summary>
internal readonly record struct FidelityLevel
{
    private readonly double _raw;

    private FidelityLevel(double raw, bool isTask)
    {
        _raw = raw;
        IsTask = isTask;
    }

    /// <summary>Gets a value indicating whether this is a task rather than a value of a range.</summary>
    public bool IsTask { get; }

    /// <summary>Gets the value of the range fidelity.</summary>
    /// <exception cref="InvalidOperationException">This is a task.</exception>
    public double Value => IsTask ? throw new InvalidOperationException("A task has no range value.") : _raw;

    /// <summary>Gets the task's index in the declaration.</summary>
    /// <exception cref="InvalidOperationException">This is a value of a range.</exception>
    public int Task => IsTask ? (int)_raw : throw new InvalidOperationException("A range value is not a task.");

    /// <summary>A value of a range fidelity.</summary>
    public static FidelityLevel Range(double value) => new(value, isTask: false);

    /// <summary>A task, by its index.</summary>
    public static FidelityLevel OfTask(int index) => new(index, isTask: true);

    /// <summary>Writes the level as <c>task 1</c> or as the range's value; a record would print <see cref="Value"/>, which a task refuses.</summary>
    public override string ToString() => IsTask ? $"task {Task}" : _raw.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The level a number stands for under <paramref name="declaration"/>: a range's value, or a task's index.</summary>
    public static FidelityLevel FromRaw(Fidelity declaration, double raw) => declaration.IsTasks ? OfTask((int)raw) : Range(raw);
}
