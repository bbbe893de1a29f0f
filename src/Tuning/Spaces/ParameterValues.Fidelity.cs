namespace Tuning;

public sealed partial class ParameterValues
{
    /// <summary>
    /// Gets the value of the space's range fidelity (<see cref="SearchSpaceBuilder.FloatFidelity"/>,
    /// <see cref="SearchSpaceBuilder.IntFidelity"/>): how much to train, such as 27 epochs or a data fraction of 0.3.
    /// </summary>
    /// <value><see langword="null"/> if the space declares no fidelity, or a task fidelity (see <see cref="Task"/>).</value>
    public double? Fidelity => Level is { IsTask: false } level ? level.Value : null;

    /// <summary>Gets the name of the task to train on, for a space with a task fidelity (<see cref="SearchSpaceBuilder.Tasks"/>).</summary>
    /// <value><see langword="null"/> if the space declares no task fidelity.</value>
    public string? Task => Level is { IsTask: true } level ? Space.Fidelity!.Tasks[level.Task].Name : null;

    /// <summary>Gets the cost of a trial at this fidelity relative to a trial at the target fidelity, in (0, 1].</summary>
    /// <value>1 at the target fidelity, and always 1 for a space without a fidelity.</value>
    public double FidelityCost => Level is FidelityLevel level ? Space.Fidelity!.Cost(level) : 1;

    /// <summary>Gets a value indicating whether these values are at the target fidelity (always so for a space without a fidelity).</summary>
    public bool IsAtTargetFidelity => Space.Fidelity is null || Level == Space.Fidelity.Target;

    /// <summary>Returns the same parameters at another value of the space's range fidelity.</summary>
    /// <param name="value">The fidelity's value, inside its range (an integer for an integer fidelity).</param>
    /// <returns>The new values.</returns>
    /// <exception cref="InvalidOperationException">The space declares no range fidelity.</exception>
    /// <exception cref="ArgumentException">The value lies outside the range, or is not an integer for an integer fidelity.</exception>
    public ParameterValues WithFidelity(double value)
    {
        if (Space.Fidelity is not { IsTasks: false } fidelity)
        {
            throw new InvalidOperationException(
                Space.Fidelity is null ? "The space declares no fidelity." : $"The fidelity '{Space.Fidelity.Name}' is a list of tasks; use WithTask.");
        }

        return new ParameterValues(Space, Raw, fidelity.ToLevel(value, nameof(value)));
    }

    /// <summary>Returns the same parameters on another task of the space's task fidelity.</summary>
    /// <param name="task">The task's name.</param>
    /// <returns>The new values.</returns>
    /// <exception cref="InvalidOperationException">The space declares no task fidelity.</exception>
    /// <exception cref="ArgumentException">The fidelity has no task of that name.</exception>
    public ParameterValues WithTask(string task)
    {
        if (Space.Fidelity is not { IsTasks: true } fidelity)
        {
            throw new InvalidOperationException(
                Space.Fidelity is null ? "The space declares no fidelity." : $"The fidelity '{Space.Fidelity.Name}' is a range; use WithFidelity.");
        }

        return new ParameterValues(Space, Raw, fidelity.ToLevel(task, nameof(task)));
    }

    /// <summary>Returns the same parameters at a fidelity setting of the space, which the caller has checked.</summary>
    internal ParameterValues WithFidelity(FidelityLevel level) => new(Space, Raw, level);
}
