using System.Globalization;

namespace Tuning;

public sealed partial class SearchSpaceBuilder
{
    private Fidelity? _fidelity;

    /// <summary>
    /// Declares a real fidelity in [<paramref name="low"/>, <paramref name="high"/>], such as the fraction of the training
    /// data; the target is <paramref name="high"/>. See <see cref="Tuning.Fidelity"/>.
    /// </summary>
    /// <param name="name">The fidelity's name, unique among the parameters.</param>
    /// <param name="low">The lowest fidelity, inclusive.</param>
    /// <param name="high">The target fidelity, the upper bound; greater than <paramref name="low"/>.</param>
    /// <param name="fixedCost">
    /// The fixed part of a trial's cost, in the fidelity's units: a trial at value <c>s</c> costs
    /// <c>(fixedCost + s) / (fixedCost + high)</c> of a target trial. The default is 0 (cost proportional to the value).
    /// </param>
    /// <param name="log">Model the fidelity on a logarithmic scale (<paramref name="low"/> must be positive). The default is <see langword="false"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">
    /// The name is empty or already used, a fidelity is already declared, a bound is not finite, the range is reversed
    /// (<paramref name="low"/> ≥ <paramref name="high"/>), <paramref name="log"/> with <paramref name="low"/> ≤ 0, the fixed
    /// cost is negative or leaves the lowest fidelity without cost (also when the cost <c>(fixedCost + low) / (fixedCost + high)</c>
    /// underflows to 0 in a double), or the range's width, its ratio <c>high / low</c> (with <paramref name="log"/>) or
    /// <c>fixedCost + high</c> overflows a double.
    /// </exception>
    public SearchSpaceBuilder FloatFidelity(string name, double low, double high, double fixedCost = 0, bool log = false) =>
        AddFidelity(name, FidelityKind.Float, low, high, fixedCost, log);

    /// <summary>
    /// Declares an integer fidelity in [<paramref name="low"/>, <paramref name="high"/>], such as the number of epochs; the
    /// target is <paramref name="high"/>. See <see cref="Tuning.Fidelity"/>.
    /// </summary>
    /// <param name="name">The fidelity's name, unique among the parameters.</param>
    /// <param name="low">The lowest fidelity, inclusive.</param>
    /// <param name="high">The target fidelity, the upper bound; greater than <paramref name="low"/>.</param>
    /// <param name="fixedCost">
    /// The fixed part of a trial's cost, in the fidelity's units: a trial at value <c>s</c> costs
    /// <c>(fixedCost + s) / (fixedCost + high)</c> of a target trial. The default is 0 (cost proportional to the value).
    /// </param>
    /// <param name="log">Model the fidelity on a logarithmic scale (<paramref name="low"/> must be positive). The default is <see langword="false"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">
    /// The name is empty or already used, a fidelity is already declared, the range is reversed
    /// (<paramref name="low"/> ≥ <paramref name="high"/>), <paramref name="log"/> with <paramref name="low"/> ≤ 0, the fixed
    /// cost is not finite, is negative or leaves the lowest fidelity without cost (also when the cost
    /// <c>(fixedCost + low) / (fixedCost + high)</c> underflows to 0 in a double), or <c>fixedCost + high</c> overflows a double.
    /// </exception>
    public SearchSpaceBuilder IntFidelity(string name, int low, int high, double fixedCost = 0, bool log = false) =>
        AddFidelity(name, FidelityKind.Int, low, high, fixedCost, log);

    /// <summary>
    /// Declares a task fidelity, SigOpt style: named tasks, each with the cost of a trial on it relative to the target
    /// task, which is the one task of cost 1. See <see cref="Tuning.Fidelity"/>.
    /// </summary>
    /// <example><c>.Tasks("data", ("10%", 0.1), ("50%", 0.5), ("full", 1.0))</c></example>
    /// <param name="name">The fidelity's name, unique among the parameters.</param>
    /// <param name="tasks">At least two tasks with distinct names and costs in (0, 1], exactly one of them of cost 1.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">
    /// The name is empty or already used, a fidelity is already declared, fewer than two tasks are given, two share a
    /// name, a cost lies outside (0, 1], or not exactly one task has cost 1.
    /// </exception>
    public SearchSpaceBuilder Tasks(string name, params FidelityTask[] tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        CheckNoFidelity(name);
        AddName(name);
        try
        {
            if (tasks.Length < 2)
            {
                throw new ArgumentException($"The task fidelity '{name}' has {tasks.Length} task(s); declare at least two, one of them the target of cost 1.", nameof(tasks));
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (FidelityTask task in tasks)
            {
                ArgumentNullException.ThrowIfNull(task, nameof(tasks));
                if (!seen.Add(task.Name))
                {
                    throw new ArgumentException($"The task fidelity '{name}' lists the task '{task.Name}' twice.", nameof(tasks));
                }

                if (!(task.Cost > 0 && task.Cost <= 1))
                {
                    throw new ArgumentException(
                        string.Create(CultureInfo.InvariantCulture, $"Task '{task.Name}' of the fidelity '{name}' has cost {task.Cost}; a task's cost must lie in (0, 1], relative to the target task's cost of 1."),
                        nameof(tasks));
                }
            }

            string[] targets = [.. tasks.Where(t => t.Cost == 1).Select(t => t.Name)];
            if (targets.Length != 1)
            {
                throw new ArgumentException(
                    targets.Length == 0
                        ? $"The task fidelity '{name}' has no task of cost 1; exactly one task, the target, must have cost 1."
                        : $"The task fidelity '{name}' has {targets.Length} tasks of cost 1 ({string.Join(", ", targets)}); exactly one task, the target, must have cost 1.",
                    nameof(tasks));
            }

            _fidelity = new Fidelity(name, FidelityKind.Tasks, 0, tasks.Length - 1, isLog: false, fixedCost: 0, tasks);
        }
        catch
        {
            _names.Remove(name);
            throw;
        }

        return this;
    }

    private SearchSpaceBuilder AddFidelity(string name, FidelityKind kind, double low, double high, double fixedCost, bool log)
    {
        CheckNoFidelity(name);
        AddName(name);
        try
        {
            if (!double.IsFinite(low) || !double.IsFinite(high))
            {
                throw new ArgumentException($"The fidelity '{name}' has a bound that is not finite: [{low}, {high}].", double.IsFinite(low) ? nameof(high) : nameof(low));
            }

            if (low >= high)
            {
                throw new ArgumentException(
                    $"The fidelity '{name}' has low ({low}) ≥ high ({high}): the range is reversed or empty; the upper bound is the target fidelity.", nameof(low));
            }

            if (log && low <= 0)
            {
                throw new ArgumentException($"The fidelity '{name}' is log-scaled but its lower bound {low} is not positive.", nameof(log));
            }

            if (!double.IsFinite(fixedCost) || fixedCost < 0)
            {
                throw new ArgumentException($"The fidelity '{name}' has fixed cost {fixedCost}; it must be finite and ≥ 0.", nameof(fixedCost));
            }

            if (fixedCost + low <= 0)
            {
                throw new ArgumentException(
                    $"The fidelity '{name}' would cost nothing at its lower bound {low} (a trial costs (fixedCost + value) / (fixedCost + {high})): raise the lower bound or give a positive fixed cost.",
                    nameof(fixedCost));
            }

            // Costs, levels and the model's coordinate are computed in doubles: (fixedCost + value) / (fixedCost + high),
            // high − low, and for a log fidelity high / low. A range where one of them overflows, or where the lower
            // bound's cost underflows to 0, has no cost a double can hold.
            if (!double.IsFinite(fixedCost + high) || !double.IsFinite(high - low) || (log && !double.IsFinite(high / low)))
            {
                throw new ArgumentException(
                    $"The fidelity '{name}' spans [{low}, {high}] with fixed cost {fixedCost}, whose width, ratio or cost overflows a double: narrow the range.",
                    nameof(high));
            }

            if (!((fixedCost + low) / (fixedCost + high) > 0))
            {
                throw new ArgumentException(
                    $"The fidelity '{name}' would cost nothing at its lower bound {low} in double precision (a trial costs (fixedCost + value) / (fixedCost + {high}), which underflows to 0 there): raise the lower bound or the fixed cost, or lower the upper bound.",
                    nameof(low));
            }

            _fidelity = new Fidelity(name, kind, low, high, log, fixedCost, []);
        }
        catch
        {
            _names.Remove(name);
            throw;
        }

        return this;
    }

    private void CheckNoFidelity(string name)
    {
        if (_fidelity is not null)
        {
            throw new ArgumentException($"The space already declares the fidelity '{_fidelity.Name}'; '{name}' would be a second, and a space has at most one fidelity.", nameof(name));
        }
    }
}
