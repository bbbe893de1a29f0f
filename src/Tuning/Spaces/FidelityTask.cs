using Tuning.Storage;
namespace Tuning;

/// <summary>
/// One task of a task fidelity (<see cref="SearchSpaceBuilder.Tasks"/>): a name and the cost of a trial on it, relative
/// to a trial on the target task, whose cost is 1.
/// </summary>
/// <remarks>Write a task as a tuple where the builder expects one: <c>("10% of the data", 0.1)</c>.</remarks>
public sealed class FidelityTask
{
    /// <summary>Creates a task.</summary>
    /// <param name="name">The task's name, unique within its fidelity.</param>
    /// <param name="cost">The cost of a trial on the task, in (0, 1]; the target task has cost 1. The builder checks the range.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or white space, or holds a lone UTF-16 surrogate, which no storage can keep.</exception>
    public FidelityTask(string name, double cost)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        StoredText.ThrowIfNotValid(name, $"The task name '{name}'", nameof(name));
        Name = name;
        Cost = cost;
    }

    /// <summary>Gets the task's name.</summary>
    public string Name { get; }

    /// <summary>Gets the cost of a trial on the task relative to the target task (1 for the target).</summary>
    public double Cost { get; }

    /// <summary>A task from its name and cost.</summary>
    /// <param name="task">The name and the cost.</param>
    public static implicit operator FidelityTask((string Name, double Cost) task) => new(task.Name, task.Cost);

    /// <summary>Creates a task from its name and cost (the named form of the tuple conversion).</summary>
    /// <param name="task">The name and the cost.</param>
    /// <returns>The task.</returns>
    public static FidelityTask FromValueTuple((string Name, double Cost) task) => new(task.Name, task.Cost);

    /// <inheritdoc />
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Name} (cost {Cost})");
}
