using System.Globalization;
using System.Text;

namespace Tuning;

/// <summary>A canonical text form of a space, used to tell whether two spaces declare the same parameters.</summary>
internal static class SearchSpaceDescription
{
    public static string Of(SearchSpace space)
    {
        var text = new StringBuilder();
        foreach (Parameter p in space.Parameters)
        {
            text.Append(CultureInfo.InvariantCulture, $"{p.Name}|{p.Kind}|{p.Low:R}|{p.High:R}|{p.IsLog}|{p.Step:R}|{p.IsBoolean}|");
            text.AppendJoin(',', p.Choices);
            if (p.Condition is Condition c)
            {
                text.Append(CultureInfo.InvariantCulture, $"|when {c.Parent}=");
                text.AppendJoin(',', c.Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)!.ToLowerInvariant()));
            }

            text.Append('\n');
        }

        if (space.Fidelity is Fidelity f)
        {
            text.Append(CultureInfo.InvariantCulture, $"fidelity {f.Name}|{f.Kind}|{f.Low:R}|{f.High:R}|{f.IsLog}|{f.FixedCost:R}|");
            text.AppendJoin(',', f.Tasks.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Name}={t.Cost:R}")));
            text.Append('\n');
        }

        return text.ToString();
    }
}
