using System.Runtime.CompilerServices;

namespace Tuning;

/// <summary>
/// Validates a pruner's options once, at construction, with messages that name the option and its bound, such as
/// <c>HyperbandPrunerOptions.ReductionFactor is 1; it must be at least 2.</c>
/// </summary>
/// <param name="options">The options class's name, such as <c>HyperbandPrunerOptions</c>.</param>
/// <param name="paramName">The constructor parameter that carried the options.</param>
internal readonly struct OptionCheck(string options, string paramName)
{
    /// <summary>Throws unless <paramref name="value"/> is at least <paramref name="minimum"/>.</summary>
    /// <param name="value">The option's value, such as <c>options.ReductionFactor</c>.</param>
    /// <param name="minimum">The smallest value allowed.</param>
    /// <param name="bound">What the minimum is, when it is another option.</param>
    /// <param name="option">The option: the last name of the expression passed as <paramref name="value"/>, unless given.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is below the minimum.</exception>
    public void AtLeast(long value, long minimum, string? bound = null, [CallerArgumentExpression(nameof(value))] string option = "")
    {
        if (value < minimum)
        {
            string limit = bound is null ? $"{minimum}" : $"{bound} ({minimum})";
            string name = option[(option.LastIndexOf('.') + 1)..];
            throw new ArgumentOutOfRangeException(paramName, value, $"{options}.{name} is {value}; it must be at least {limit}.");
        }
    }
}
