using System.Globalization;

namespace Tuning.Reporting;

/// <summary>
/// Where a parameter's value lies on its own axis: the position in [0, 1] that the plots and the importance bins use.
/// </summary>
/// <remarks>
/// Floats and ints map linearly from [Low, High] to [0, 1], or linearly in log space when the parameter is
/// log-scaled; a categorical's choice <c>i</c> of <c>n</c> sits at the middle of its bin, <c>(i + 0.5) / n</c>.
/// </remarks>
internal static class ParameterScale
{
    /// <summary>Gets the value of a parameter as a number: the value of a float or int, the index of a categorical's choice.</summary>
    /// <returns>The number, or <see langword="null"/> if the parameter is inactive in the trial.</returns>
    public static double? Number(Trial trial, Parameter parameter)
    {
        if (!trial.Parameters.IsActive(parameter.Name))
        {
            return null;
        }

        return Number(parameter, trial.Parameters[parameter.Name]);
    }

    /// <summary>Gets a parameter value as a number (see <see cref="Number(Trial, Parameter)"/>).</summary>
    public static double Number(Parameter parameter, object value) => value switch
    {
        double d => d,
        int n => n,
        bool b => b ? 1 : 0,
        string s => IndexOfChoice(parameter, s),
        _ => Convert.ToDouble(value, CultureInfo.InvariantCulture),
    };

    /// <summary>Gets the position in [0, 1] of a parameter's value in a trial.</summary>
    /// <returns>The position, or <see langword="null"/> if the parameter is inactive in the trial.</returns>
    public static double? Position(Trial trial, Parameter parameter) =>
        Number(trial, parameter) is double number ? Position(parameter, number) : null;

    /// <summary>Gets the position in [0, 1] of a number on a parameter's axis.</summary>
    public static double Position(Parameter parameter, double number)
    {
        if (parameter.Kind == ParameterKind.Categorical)
        {
            return (number + 0.5) / parameter.Choices.Count;
        }

        double low = parameter.Low, high = parameter.High, x = number;
        if (parameter.IsLog)
        {
            (low, high, x) = (Math.Log(low), Math.Log(high), Math.Log(x));
        }

        return high > low ? Math.Clamp((x - low) / (high - low), 0, 1) : 0.5;
    }

    /// <summary>Formats a number of a parameter for a label: a choice's name, an int, or a float with four significant digits.</summary>
    public static string Format(Parameter parameter, double number) => parameter.Kind switch
    {
        ParameterKind.Categorical => parameter.Choices[(int)number],
        ParameterKind.Int => ((long)Math.Round(number)).ToString(CultureInfo.InvariantCulture),
        _ => Numbers.Short(number),
    };

    /// <summary>Formats a number of a parameter for a table or a hover label: like <see cref="Format"/>, with six significant digits for floats.</summary>
    public static string FormatLong(Parameter parameter, double number) =>
        parameter.Kind == ParameterKind.Float ? Numbers.Long(number) : Format(parameter, number);

    /// <summary>Gets the number of a parameter at a position in [0, 1] of its axis: the inverse of <see cref="Position(Parameter, double)"/> for floats and ints.</summary>
    public static double NumberAt(Parameter parameter, double position)
    {
        if (parameter.IsLog)
        {
            return Math.Exp(Math.Log(parameter.Low) + (position * (Math.Log(parameter.High) - Math.Log(parameter.Low))));
        }

        return parameter.Low + (position * (parameter.High - parameter.Low));
    }

    private static int IndexOfChoice(Parameter parameter, string choice)
    {
        for (int i = 0; i < parameter.Choices.Count; i++)
        {
            if (parameter.Choices[i] == choice)
            {
                return i;
            }
        }

        return 0;
    }
}
