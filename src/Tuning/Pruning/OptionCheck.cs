namespace Tuning;

/// <summary>Validates pruner options once, at construction, with messages that name the option and its bound.</summary>
internal static class OptionCheck
{
    /// <summary>Throws unless <paramref name="value"/> is at least <paramref name="minimum"/>.</summary>
    /// <param name="value">The option's value.</param>
    /// <param name="minimum">The smallest value allowed.</param>
    /// <param name="option">The option's name, such as <c>HyperbandPrunerOptions.ReductionFactor</c>.</param>
    /// <param name="paramName">The constructor parameter that carried the options.</param>
    /// <param name="bound">What the minimum is, when it is another option.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is below the minimum.</exception>
    public static void AtLeast(long value, long minimum, string option, string paramName, string? bound = null)
    {
        if (value < minimum)
        {
            string limit = bound is null ? $"{minimum}" : $"{bound} ({minimum})";
            throw new ArgumentOutOfRangeException(paramName, value, $"{option} is {value}; it must be at least {limit}.");
        }
    }
}
