using System.Globalization;
using Tuning.Reporting;

namespace Tuning.Cli.Output;

/// <summary>Short descriptions of a study's parameters, metrics and trials.</summary>
internal static class Describe
{
    /// <summary>A parameter's kind, domain and condition: <c>float [1e-05, 0.1] log</c>, <c>categorical {adam, sgd}</c>, <c>bool when use_bn in {true}</c>.</summary>
    public static string Parameter(Parameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        string domain = parameter switch
        {
            { IsBoolean: true } => "bool",
            { Kind: ParameterKind.Categorical } => "categorical {" + string.Join(", ", parameter.Choices) + "}",
            _ => Bounds(parameter),
        };
        return parameter.Condition is Condition c
            ? $"{domain} when {c.Parent} in {{{string.Join(", ", c.Values.Select(Text.Value))}}}"
            : domain;
    }

    /// <summary>What the study does with a metric: <c>minimize</c>, <c>maximize</c>, <c>store</c>, <c>constraint &lt;= 20</c>.</summary>
    public static string Metric(Metric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return metric.Kind switch
        {
            MetricKind.Constraint => (metric.Min, metric.Max) switch
            {
                (double lo, double hi) => $"constraint {Numbers.Threshold(lo)} <= value <= {Numbers.Threshold(hi)}",
                (double lo, null) => $"constraint >= {Numbers.Threshold(lo)}",
                (null, double hi) => $"constraint <= {Numbers.Threshold(hi)}",
                _ => "constraint",
            },
            _ => metric.Kind.ToString().ToLowerInvariant(),
        };
    }

    /// <summary>A trial's values of the given metrics: <c>loss = 0.25, latency_ms = 12</c>.</summary>
    public static string Values(Trial trial, IEnumerable<Metric> metrics)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return string.Join(", ", metrics
            .Where(m => trial.Values.ContainsKey(m.Name))
            .Select(m => $"{m.Name} = {Numbers.Measured(m, trial.Values[m.Name], Text.Number)}"));
    }

    /// <summary>A trial's active parameters: <c>learning_rate = 0.001, optimizer = adam</c>.</summary>
    public static string Parameters(Trial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return string.Join(", ", trial.Parameters.ToDictionary().Select(kv => $"{kv.Key} = {Text.Value(kv.Value)}"));
    }

    private static string Bounds(Parameter p)
    {
        string kind = p.Kind == ParameterKind.Int ? "int" : "float";
        string text = string.Create(CultureInfo.InvariantCulture, $"{kind} [{Text.Number(p.Low)}, {Text.Number(p.High)}]");
        if (p.IsLog)
        {
            text += " log";
        }

        if (p.Step is double step && !(p.Kind == ParameterKind.Int && step == 1))
        {
            text += " step " + Text.Number(step);
        }

        return text;
    }
}
