using System.Text.Json.Nodes;

namespace Tuning.Reporting;

/// <summary>
/// An axis that places every parameter kind on [0, 1] (<see cref="ParameterScale.Position(Parameter, double)"/>): linear
/// or log floats and ints, and categoricals as equal bins, labelled with the parameter's own values. Trials in which a
/// conditional parameter is inactive sit in a slot below the axis, labelled "inactive".
/// </summary>
internal static class PositionAxis
{
    /// <summary>Where trials in which the parameter is inactive are drawn.</summary>
    public const double InactivePosition = -0.15;

    /// <summary>The number of labelled ticks on a numeric parameter's axis.</summary>
    private const int NumericTicks = 5;

    /// <summary>Gets a trial's position on a parameter's axis, or <see cref="InactivePosition"/> where the parameter is inactive.</summary>
    public static double Of(Trial trial, Parameter parameter) => ParameterScale.Position(trial, parameter) ?? InactivePosition;

    /// <summary>The tick positions and labels of a parameter's axis.</summary>
    public static (double[] Positions, string[] Labels) Ticks(Parameter parameter, bool withInactive)
    {
        var positions = new List<double>();
        var labels = new List<string>();
        if (withInactive)
        {
            positions.Add(InactivePosition);
            labels.Add("inactive");
        }

        if (parameter.Kind == ParameterKind.Categorical)
        {
            for (int i = 0; i < parameter.Choices.Count; i++)
            {
                positions.Add(ParameterScale.Position(parameter, i));
                labels.Add(parameter.Choices[i]);
            }
        }
        else
        {
            for (int k = 0; k < NumericTicks; k++)
            {
                double position = k / (double)(NumericTicks - 1);
                positions.Add(position);
                labels.Add(ParameterScale.Format(parameter, ParameterScale.NumberAt(parameter, position)));
            }
        }

        return ([.. positions], [.. labels]);
    }

    /// <summary>A plotly.js axis for a parameter on [0, 1], with its labels and, if needed, the inactive slot.</summary>
    public static JsonObject Axis(Parameter parameter, bool withInactive)
    {
        (double[] positions, string[] labels) = Ticks(parameter, withInactive);
        JsonObject axis = Plotly.Axis(parameter.Name + (parameter.IsLog ? " (log)" : string.Empty));
        axis["tickmode"] = "array";
        axis["tickvals"] = Plotly.Numbers(positions);
        axis["ticktext"] = Plotly.Strings(labels.Select(Plotly.Text));
        axis["range"] = new JsonArray(withInactive ? InactivePosition - 0.05 : -0.03, 1.03);
        return axis;
    }
}
