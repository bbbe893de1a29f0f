using Tuning.Storage;
namespace Tuning;

/// <summary>
/// Declares the hyperparameters of a search space, then <see cref="Build"/>s an immutable <see cref="SearchSpace"/>.
/// </summary>
/// <example>
/// <code>
/// SearchSpace space = new SearchSpaceBuilder()
///     .Float("learning_rate", 1e-5, 1e-1, log: true)
///     .Int("layers", 1, 8)
///     .Categorical("optimizer", "adam", "sgd")
///     .Float("momentum", 0.5, 0.99, when: ("optimizer", "sgd"))
///     .Build();
/// </code>
/// </example>
/// <remarks>
/// Bounds, steps and choices are checked as each parameter is added; conditions are checked by
/// <see cref="Build"/>, so a child may be declared before its parent. The builder is not thread-safe.
/// </remarks>
public sealed partial class SearchSpaceBuilder
{
    /// <summary>The most values a stepped float may take: 2^53, so that every grid index and the count are exact in a double.</summary>
    private const double MaxGridPoints = 9_007_199_254_740_992;

    /// <summary>
    /// The finest step, in spacings of the doubles near the larger bound: below about three, some grid values round onto
    /// the same double or read back as a neighbour; four leaves a margin.
    /// </summary>
    private const double MinStepInSpacings = 4;

    private readonly List<Parameter> _parameters = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    /// <summary>Adds a real-valued parameter in [<paramref name="low"/>, <paramref name="high"/>].</summary>
    /// <param name="name">The parameter's unique name.</param>
    /// <param name="low">The lower bound, inclusive.</param>
    /// <param name="high">The upper bound, inclusive; greater than <paramref name="low"/>.</param>
    /// <param name="log">Search on a logarithmic scale (both bounds must be positive). The default is <see langword="false"/>.</param>
    /// <param name="step">
    /// If given, the parameter takes only the values <c>low + k·step</c>. When the range is not a multiple of the step,
    /// the upper bound is lowered to the last point of that grid. Cannot be combined with <paramref name="log"/>.
    /// The default is <see langword="null"/> (continuous).
    /// </param>
    /// <param name="when">The condition under which the parameter is active; <see langword="null"/> (the default) for always.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">
    /// The name is empty or already used, a bound is not finite, <paramref name="low"/> ≥ <paramref name="high"/>, a
    /// linear range whose width overflows a double, <paramref name="log"/> with a bound ≤ 0, or a step that is not
    /// positive, larger than the range (<c>low + step</c> above <paramref name="high"/>), so small that the grid would have
    /// more than 2^53 values or finer than four spacings of the doubles near the bounds (their values would not all exist
    /// as doubles), or combined with <paramref name="log"/>.
    /// </exception>
    public SearchSpaceBuilder Float(string name, double low, double high, bool log = false, double? step = null, Condition? when = null)
    {
        AddName(name);
        try
        {
            CheckRange(name, low, high, log);
            if (step is double s)
            {
                CheckStep(name, low, high, s, log);
                double lastIndex = Math.Round((high - low) / s);
                if (lastIndex + 1 > MaxGridPoints)
                {
                    throw new ArgumentException(
                        $"Parameter '{name}' has step {s} over [{low}, {high}]: its grid would have {lastIndex + 1:G3} values, more than 2^53. Use a larger step, or no step for a continuous float.",
                        nameof(step));
                }

                // The last grid point at or below high. Rounding the index, then stepping back if it overshoots, gives the
                // same grid when the lowered bound is declared again (a study's definition reads back unchanged).
                long last = (long)lastIndex;
                if (ParameterCodec.GridValue(low, last, s) > high)
                {
                    last--;
                }

                // high − low can round up to the step while low + step lies above high: the grid would be low alone.
                if (last < 1)
                {
                    throw new ArgumentException(
                        $"Parameter '{name}' has step {s}, larger than its range [{low}, {high}]: low + step lies above high, so the grid would hold only low.",
                        nameof(step));
                }

                high = ParameterCodec.GridValue(low, last, s);
            }

            _parameters.Add(new Parameter(name, ParameterKind.Float, low, high, log, step, [], isBoolean: false, when));
        }
        catch
        {
            _names.Remove(name);
            throw;
        }

        return this;
    }

    /// <summary>Adds an integer parameter in [<paramref name="low"/>, <paramref name="high"/>].</summary>
    /// <param name="name">The parameter's unique name.</param>
    /// <param name="low">The lower bound, inclusive.</param>
    /// <param name="high">The upper bound, inclusive; greater than <paramref name="low"/>.</param>
    /// <param name="log">Search on a logarithmic scale (<paramref name="low"/> must be ≥ 1). The default is <see langword="false"/>.</param>
    /// <param name="step">
    /// The spacing of the values <c>low + k·step</c>; the default is 1. When the range is not a multiple of the step,
    /// the upper bound is lowered to the last point of that grid. A step other than 1 cannot be combined with <paramref name="log"/>.
    /// </param>
    /// <param name="when">The condition under which the parameter is active; <see langword="null"/> (the default) for always.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">
    /// The name is empty or already used, <paramref name="low"/> ≥ <paramref name="high"/>, <paramref name="log"/> with
    /// <paramref name="low"/> ≤ 0, or a step that is not positive, larger than the range, or other than 1 with <paramref name="log"/>.
    /// </exception>
    public SearchSpaceBuilder Int(string name, int low, int high, bool log = false, int step = 1, Condition? when = null)
    {
        AddName(name);
        try
        {
            CheckRange(name, low, high, log);
            if (step != 1)
            {
                CheckStep(name, low, high, step, log);
            }

            // In long arithmetic: high − low overflows an int for ranges wider than int.MaxValue.
            int last = (int)(low + (((long)high - low) / step * step));
            _parameters.Add(new Parameter(name, ParameterKind.Int, low, last, log, step, [], isBoolean: false, when));
        }
        catch
        {
            _names.Remove(name);
            throw;
        }

        return this;
    }

    /// <summary>Adds a categorical parameter that takes one of <paramref name="choices"/>.</summary>
    /// <param name="name">The parameter's unique name.</param>
    /// <param name="choices">The distinct, non-empty choices, at least one.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The name is empty or already used, or the choices are empty, contain an empty string or a duplicate.</exception>
    public SearchSpaceBuilder Categorical(string name, params string[] choices) => Categorical(name, choices, when: null);

    /// <summary>Adds a conditional categorical parameter that takes one of <paramref name="choices"/>.</summary>
    /// <param name="name">The parameter's unique name.</param>
    /// <param name="choices">The distinct, non-empty choices, at least one.</param>
    /// <param name="when">The condition under which the parameter is active; <see langword="null"/> for always.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The name is empty or already used, or the choices are empty, contain an empty string or a duplicate.</exception>
    public SearchSpaceBuilder Categorical(string name, IReadOnlyList<string> choices, Condition? when)
    {
        AddName(name);
        try
        {
            ArgumentNullException.ThrowIfNull(choices);
            if (choices.Count == 0)
            {
                throw new ArgumentException($"Parameter '{name}' has no choices.", nameof(choices));
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (string? choice in choices)
            {
                if (string.IsNullOrEmpty(choice))
                {
                    throw new ArgumentException($"Parameter '{name}' has an empty or null choice.", nameof(choices));
                }

                StoredText.ThrowIfNotValid(choice, $"The choice '{choice}' of parameter '{name}'", nameof(choices));
                if (!seen.Add(choice))
                {
                    throw new ArgumentException($"Parameter '{name}' lists the choice '{choice}' twice.", nameof(choices));
                }
            }

            _parameters.Add(new Parameter(name, ParameterKind.Categorical, 0, choices.Count - 1, false, 1, [.. choices], isBoolean: false, when));
        }
        catch
        {
            _names.Remove(name);
            throw;
        }

        return this;
    }

    /// <summary>Adds a boolean parameter (a categorical with the choices <c>false</c> and <c>true</c>); read it with <see cref="Trial.GetBool"/>.</summary>
    /// <param name="name">The parameter's unique name.</param>
    /// <param name="when">The condition under which the parameter is active; <see langword="null"/> (the default) for always.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The name is empty or already used.</exception>
    public SearchSpaceBuilder Bool(string name, Condition? when = null)
    {
        AddName(name);
        _parameters.Add(new Parameter(name, ParameterKind.Categorical, 0, 1, false, 1, ["false", "true"], isBoolean: true, when));
        return this;
    }

    /// <summary>Checks the conditions and builds the immutable space.</summary>
    /// <returns>The search space, with the parameters in declaration order.</returns>
    /// <exception cref="InvalidOperationException">No parameter was declared.</exception>
    /// <exception cref="ArgumentException">
    /// A condition names an unknown parent, a parent that is a float (stepped or not: a parent is categorical or int), or
    /// a value the parent cannot take;
    /// or the conditions form a cycle. The exception names <c>when</c>, the parameter that gave the condition.
    /// </exception>
    public SearchSpace Build()
    {
        if (_parameters.Count == 0)
        {
            throw new InvalidOperationException("The search space has no parameter: declare at least one before Build().");
        }

        return new SearchSpace(_parameters, _fidelity);
    }

    private void AddName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        StoredText.ThrowIfNotValid(name, $"The parameter name '{name}'", nameof(name));
        if (!_names.Add(name))
        {
            throw new ArgumentException($"A parameter named '{name}' is already declared{HowToShare(name)}", nameof(name));
        }
    }

    /// <summary>
    /// The end of the message refusing a name declared twice: for a conditional parameter, its declaration and how one
    /// parameter is active under several values of its parent (the usual reason to declare it again), else a full stop.
    /// </summary>
    private string HowToShare(string name)
    {
        if (_parameters.Find(p => p.Name == name) is not { Condition: Condition condition } declared)
        {
            return ".";
        }

        string first = condition.Values[0] switch
        {
            string text => $"\"{text}\"",
            bool flag => flag ? "true" : "false",
            object value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
        };
        return $" ({declared}). A name is declared once, under one condition: to make it active under several values of its parent, list them in its one condition, such as when: (\"{condition.Parent}\", new[] {{ {first}, … }}).";
    }

    private static void CheckRange(string name, double low, double high, bool log)
    {
        if (!double.IsFinite(low) || !double.IsFinite(high))
        {
            throw new ArgumentException($"Parameter '{name}' has a bound that is not finite: [{low}, {high}].", double.IsFinite(low) ? nameof(high) : nameof(low));
        }

        if (low >= high)
        {
            throw new ArgumentException($"Parameter '{name}' has low ({low}) ≥ high ({high}); the lower bound must be smaller.", nameof(low));
        }

        if (log && low <= 0)
        {
            throw new ArgumentException($"Parameter '{name}' is log-scaled but its lower bound {low} is not positive.", nameof(log));
        }

        if (!log && !double.IsFinite(high - low))
        {
            throw new ArgumentException(
                $"Parameter '{name}' has the range [{low}, {high}], whose width overflows a double. Narrow the range, or search it on a log scale.",
                nameof(high));
        }
    }

    private static void CheckStep(string name, double low, double high, double step, bool log)
    {
        if (!double.IsFinite(step) || step <= 0)
        {
            throw new ArgumentException($"Parameter '{name}' has step {step}; the step must be positive.", nameof(step));
        }

        if (step > high - low)
        {
            throw new ArgumentException($"Parameter '{name}' has step {step}, larger than its range [{low}, {high}].", nameof(step));
        }

        if (log)
        {
            throw new ArgumentException($"Parameter '{name}' combines log scale with step {step}; choose one.", nameof(step));
        }

        // Doubles near the larger bound lie `spacing` apart; a grid value low + k·step rounds to one of them, and the value
        // it rounds to must still be told apart from its neighbours and read back as the same k.
        double largest = Math.Max(Math.Abs(low), Math.Abs(high));
        double spacing = Math.BitIncrement(largest) - largest;
        if (step < MinStepInSpacings * spacing)
        {
            throw new ArgumentException(
                $"Parameter '{name}' has step {step}, finer than doubles can hold apart near {largest} (they lie {spacing:G3} apart there): use a step of at least {MinStepInSpacings * spacing:G3}, or no step for a continuous float.",
                nameof(step));
        }
    }
}
