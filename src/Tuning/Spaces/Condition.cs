using System.Collections.ObjectModel;
using System.Globalization;

namespace Tuning;

/// <summary>
/// Makes a parameter active only when another parameter (its parent) takes one of the given values.
/// A parent is a categorical (string or bool) or an integer parameter; it may itself be conditional.
/// </summary>
/// <remarks>
/// Write a condition as a tuple where the builder expects one: <c>when: ("optimizer", "sgd")</c>,
/// <c>when: ("layers", 3)</c>, <c>when: ("use_momentum", true)</c>, or
/// <c>when: ("optimizer", new[] { "sgd", "rmsprop" })</c> for several values.
/// </remarks>
public sealed class Condition
{
    /// <summary>Creates a condition that holds when <paramref name="parent"/> takes any of <paramref name="values"/>.</summary>
    /// <param name="parent">The name of the parent parameter.</param>
    /// <param name="values">The parent's values (strings, ints or bools) under which the child is active.</param>
    /// <exception cref="ArgumentNullException"><paramref name="parent"/> or <paramref name="values"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="parent"/> is empty or white space, or no value is given, or a value is not a string, int or bool.</exception>
    public Condition(string parent, params object[] values)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(parent);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0)
        {
            throw new ArgumentException($"The condition on '{parent}' lists no value.", nameof(values));
        }

        foreach (object value in values)
        {
            if (value is not (string or int or bool))
            {
                throw new ArgumentException(
                    $"The condition on '{parent}' has the value '{value}' of type {value?.GetType().Name ?? "null"}; only strings, ints and bools can be compared.",
                    nameof(values));
            }
        }

        Parent = parent;
        Values = new ReadOnlyCollection<object>((object[])values.Clone());
    }

    /// <summary>Gets the name of the parent parameter.</summary>
    public string Parent { get; }

    /// <summary>Gets the parent's values under which the child is active.</summary>
    public IReadOnlyList<object> Values { get; }

    /// <summary>A condition on a categorical parent taking one value.</summary>
    /// <param name="condition">The parent's name and value.</param>
    public static implicit operator Condition((string Parent, string Value) condition) => new(condition.Parent, condition.Value);

    /// <summary>A condition on a categorical parent taking one of several values.</summary>
    /// <param name="condition">The parent's name and values.</param>
    /// <exception cref="ArgumentNullException">The parent's name or the array of values is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The name is empty or white space, or no value is given.</exception>
    public static implicit operator Condition((string Parent, string[] Values) condition) => new(condition.Parent, [.. ValuesOf(condition.Values)]);

    /// <summary>A condition on an integer parent taking one value.</summary>
    /// <param name="condition">The parent's name and value.</param>
    public static implicit operator Condition((string Parent, int Value) condition) => new(condition.Parent, condition.Value);

    /// <summary>A condition on an integer parent taking one of several values.</summary>
    /// <param name="condition">The parent's name and values.</param>
    /// <exception cref="ArgumentNullException">The parent's name or the array of values is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The name is empty or white space, or no value is given.</exception>
    public static implicit operator Condition((string Parent, int[] Values) condition) =>
        new(condition.Parent, ValuesOf(condition.Values).Select(v => (object)v).ToArray());

    /// <summary>A condition on a boolean parent.</summary>
    /// <param name="condition">The parent's name and value.</param>
    public static implicit operator Condition((string Parent, bool Value) condition) => new(condition.Parent, condition.Value);

    /// <summary>Returns the condition as the space writes it, such as <c>optimizer in {sgd, rmsprop}</c> or <c>use_momentum in {true}</c>.</summary>
    /// <returns>The parent's name and values; a bool as the space writes its choices (false, true), a number in the invariant culture.</returns>
    public override string ToString() => $"{Parent} in {{{string.Join(", ", Values.Select(Format))}}}";

    /// <summary>The values of a tuple's array, refused under the name <c>values</c> (the constructor's) when the array is null.</summary>
    private static T[] ValuesOf<T>(T[]? values) =>
        values ?? throw new ArgumentNullException(nameof(values), "The condition's array of values is null; give at least one value.");

    private static string? Format(object value) => value switch
    {
        bool b => b ? "true" : "false",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
