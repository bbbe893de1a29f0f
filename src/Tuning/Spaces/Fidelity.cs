using System.Collections.ObjectModel;
using System.Globalization;

namespace Tuning;

/// <summary>
/// The fidelity of a search space: how much of a full training run a trial does, and what that costs. Declared with
/// <see cref="SearchSpaceBuilder.FloatFidelity"/>, <see cref="SearchSpaceBuilder.IntFidelity"/> or
/// <see cref="SearchSpaceBuilder.Tasks"/>;
/// immutable.
/// </summary>
/// <remarks>
/// <para>
/// The fidelity is not one of the space's <see cref="SearchSpace.Parameters"/>: it does not change the model being
/// tuned, only how long or on what it is trained. A suggester that does not choose fidelities (every suggester except
/// <see cref="MultiFidelitySuggester"/>) suggests the target fidelity; a trial reads its fidelity from
/// <see cref="Trial.Fidelity"/> or <see cref="Trial.Task"/>.
/// </para>
/// <para>
/// Costs are relative to a trial at the target fidelity, whose cost is 1. A range fidelity has the target at its upper
/// bound and the affine cost <c>(FixedCost + value) / (FixedCost + High)</c>: proportional to the value by default
/// (epochs, data fraction), or with a fixed part per trial, as BoTorch's <c>AffineFidelityCostModel</c>
/// (<c>cost = fixed + s</c>). A task fidelity lists each task's cost; the task of cost 1 is the target.
/// </para>
/// </remarks>
public sealed class Fidelity
{
    private readonly int _targetTask;

    internal Fidelity(string name, FidelityKind kind, double low, double high, bool isLog, double fixedCost, IReadOnlyList<FidelityTask> tasks)
    {
        Name = name;
        Kind = kind;
        Low = low;
        High = high;
        IsLog = isLog;
        FixedCost = fixedCost;
        Tasks = new ReadOnlyCollection<FidelityTask>([.. tasks]);
        _targetTask = -1;
        for (int i = 0; i < tasks.Count; i++)
        {
            if (tasks[i].Cost == 1)
            {
                _targetTask = i;
            }
        }
    }

    /// <summary>Gets the fidelity's name, which is also its key in <see cref="ParameterValues.ToDictionary"/> and in stored parameters.</summary>
    public string Name { get; }

    /// <summary>Gets how the fidelity is declared.</summary>
    public FidelityKind Kind { get; }

    /// <summary>Gets the lowest fidelity of a range (0 for tasks).</summary>
    public double Low { get; }

    /// <summary>Gets the highest fidelity of a range, which is the target (for tasks, the index of the last task).</summary>
    public double High { get; }

    /// <summary>Gets a value indicating whether the multi-fidelity model sees the range on a logarithmic scale (as epochs often are best seen).</summary>
    public bool IsLog { get; }

    /// <summary>Gets the fixed part of a range fidelity's cost, in the fidelity's own units (0 for a cost proportional to the fidelity; 0 for tasks).</summary>
    public double FixedCost { get; }

    /// <summary>Gets the tasks of a task fidelity, in declaration order (empty for a range).</summary>
    public IReadOnlyList<FidelityTask> Tasks { get; }

    /// <summary>Gets the target task (the one of cost 1), or <see langword="null"/> for a range fidelity.</summary>
    public FidelityTask? TargetTask => _targetTask >= 0 ? Tasks[_targetTask] : null;

    /// <summary>Gets a value indicating whether the fidelity is a list of tasks.</summary>
    internal bool IsTasks => Kind == FidelityKind.Tasks;

    /// <summary>Gets the target: the upper bound of a range, or the target task.</summary>
    internal FidelityLevel Target => IsTasks ? FidelityLevel.OfTask(_targetTask) : FidelityLevel.Range(High);

    /// <summary>The cost of a trial at a range fidelity's <paramref name="value"/>, relative to the target.</summary>
    /// <param name="value">A fidelity value in [<see cref="Low"/>, <see cref="High"/>].</param>
    /// <returns><c>(FixedCost + value) / (FixedCost + High)</c>, in (0, 1].</returns>
    /// <exception cref="InvalidOperationException">The fidelity is a list of tasks (use <see cref="CostOf(string)"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> lies outside the range.</exception>
    public double CostAt(double value)
    {
        if (IsTasks)
        {
            throw new InvalidOperationException($"The fidelity '{Name}' is a list of tasks; ask the cost of a task with CostOf(task).");
        }

        if (!(value >= Low && value <= High))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"The fidelity '{Name}' ranges over [{Low}, {High}].");
        }

        return Cost(FidelityLevel.Range(value));
    }

    /// <summary>The cost of a trial on the named task, relative to the target task.</summary>
    /// <param name="task">The task's name.</param>
    /// <returns>The task's cost.</returns>
    /// <exception cref="InvalidOperationException">The fidelity is a range (use <see cref="CostAt"/>).</exception>
    /// <exception cref="ArgumentException">The fidelity has no task of that name.</exception>
    public double CostOf(string task)
    {
        if (!IsTasks)
        {
            throw new InvalidOperationException($"The fidelity '{Name}' is a range; ask the cost of a value with CostAt(value).");
        }

        return Tasks[(int)TaskIndex(task, nameof(task))].Cost;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        if (IsTasks)
        {
            return $"{Name}: tasks {{{string.Join(", ", Tasks)}}}";
        }

        string cost = FixedCost == 0 ? "cost ∝ value" : string.Create(CultureInfo.InvariantCulture, $"cost ∝ {FixedCost} + value");
        return string.Create(CultureInfo.InvariantCulture, $"{Name}: {Kind.ToString().ToLowerInvariant()} fidelity [{Low}, {High}]{(IsLog ? " log" : string.Empty)}, target {High}, {cost}");
    }

    /// <summary>The cost of a fidelity setting relative to the target.</summary>
    internal double Cost(FidelityLevel level) => level.IsTask ? Tasks[level.Task].Cost : (FixedCost + level.Value) / (FixedCost + High);

    /// <summary>Maps a range value to [0, 1] (linear or log), with the target at 1.</summary>
    internal double Unit(double value)
    {
        double u = IsLog ? Math.Log(value / Low) / Math.Log(High / Low) : (value - Low) / (High - Low);
        return Math.Clamp(u, 0, 1);
    }

    /// <summary>Checks a raw value (a range value, or a task index), returning it exactly as stored.</summary>
    internal bool IsValidRaw(double raw) => Kind switch
    {
        FidelityKind.Float => double.IsFinite(raw) && raw >= Low && raw <= High,
        _ => double.IsFinite(raw) && raw >= Low && raw <= High && raw == Math.Floor(raw),
    };

    /// <summary>
    /// The setting a user's value stands for: a double or int for a range, a task name for tasks. A value it refuses is
    /// an <see cref="ArgumentException"/> naming <paramref name="paramName"/>, the public method's parameter that gave it.
    /// </summary>
    internal FidelityLevel ToLevel(object? value, string paramName)
    {
        value = JsonElementValue.Unwrap(value);
        double raw = (Kind, value) switch
        {
            (FidelityKind.Tasks, string task) => TaskIndex(task, paramName),
            (FidelityKind.Float, _) when NumericValue.TryReal(value, out double real) => real,
            (FidelityKind.Int, _) when NumericValue.TryInteger(value, out double integer) => integer,
            _ => throw new ArgumentException(
                $"The fidelity '{Name}' takes {(IsTasks ? "a task name" : Kind == FidelityKind.Int ? "an int" : "a double")}; got '{value}' ({value?.GetType().Name ?? "null"}).",
                paramName),
        };
        if (!IsValidRaw(raw))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The fidelity '{Name}' has the value {value}, outside its range [{Low}, {High}]."), paramName);
        }

        return FidelityLevel.FromRaw(this, raw);
    }

    /// <summary>The user's form of a setting: a double, an int, or a task name.</summary>
    internal object Box(FidelityLevel level) => Kind switch
    {
        FidelityKind.Float => level.Value,
        FidelityKind.Int => (int)level.Value,
        _ => Tasks[level.Task].Name,
    };

    private double TaskIndex(string task, string paramName)
    {
        ArgumentNullException.ThrowIfNull(task);
        for (int i = 0; i < Tasks.Count; i++)
        {
            if (Tasks[i].Name == task)
            {
                return i;
            }
        }

        throw new ArgumentException($"The fidelity '{Name}' has no task '{task}'; its tasks are {string.Join(", ", Tasks.Select(t => t.Name))}.", paramName);
    }
}
