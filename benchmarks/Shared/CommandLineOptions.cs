using System.Globalization;

namespace Tuning.BenchmarkSupport;

/// <summary>
/// Reads a benchmark program's options ("--name value" and flags) strictly: an option given without its value or
/// twice, a count that is no whole number or is below its minimum, and an option the program does not know are a
/// <see cref="UsageException"/>, never a stack trace or a run with another setting than the one asked for.
/// </summary>
internal static class CommandLineOptions
{
    /// <summary>The value after <paramref name="name"/>, or null when the option is not given.</summary>
    /// <exception cref="UsageException">The option is the last argument, another option ("--…") follows it, or it is given twice.</exception>
    public static string? Value(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        if (i < 0)
        {
            return null;
        }

        if (Array.LastIndexOf(args, name) != i)
        {
            throw new UsageException($"{name} is given twice.");
        }

        return i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal)
            ? args[i + 1]
            : throw new UsageException($"{name} needs a value.");
    }

    /// <summary>The whole number after <paramref name="name"/>, or <paramref name="fallback"/> when the option is not given.</summary>
    /// <exception cref="UsageException">The value is missing, is no whole number, or is below <paramref name="minimum"/>.</exception>
    public static int Count(string[] args, string name, int fallback, int minimum) =>
        Value(args, name) is string text ? Parse(name, text, minimum) : fallback;

    /// <summary>The comma-separated whole numbers after <paramref name="name"/>, or <paramref name="fallback"/> when the option is not given.</summary>
    /// <exception cref="UsageException">The value is missing, or one of the numbers is no whole number or is below <paramref name="minimum"/>.</exception>
    public static int[] Counts(string[] args, string name, int[] fallback, int minimum) =>
        Value(args, name) is string text ? [.. text.Split(',').Select(part => Parse(name, part, minimum))] : fallback;

    /// <summary>The first argument from <paramref name="skip"/> on that is neither a flag nor an option that takes a value (with its value), or null.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="valueOptions">The options that take a value, such as <c>--seeds</c>.</param>
    /// <param name="flags">The options that stand alone, such as <c>--quick</c>.</param>
    /// <param name="skip">How many leading arguments are not options (a command such as <c>study</c>).</param>
    public static string? Unknown(string[] args, IReadOnlyCollection<string> valueOptions, IReadOnlyCollection<string> flags, int skip = 0)
    {
        for (int i = skip; i < args.Length; i++)
        {
            if (valueOptions.Contains(args[i]))
            {
                i++;
            }
            else if (!flags.Contains(args[i]))
            {
                return args[i];
            }
        }

        return null;
    }

    private static int Parse(string name, string text, int minimum) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value) && value >= minimum
            ? value
            : throw new UsageException($"{name} must be a whole number of at least {minimum}, not '{text}'.");
}
