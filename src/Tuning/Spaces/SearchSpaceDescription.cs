using System.Globalization;
using System.Text;

namespace Tuning;

/// <summary>
/// A canonical text form of a space, used to tell whether two spaces declare the same parameters. Every text field is
/// written with its length first, so no name or choice can pass for another's fields (choices "a,b" and "c" are not
/// "a" and "b,c"), and a condition is written as the set of the parent's raw values it activates on
/// (<see cref="SearchSpace.ActivatingValues"/>), as the space compares them.
/// </summary>
internal static class SearchSpaceDescription
{
    public static string Of(SearchSpace space)
    {
        var text = new StringBuilder();
        for (int i = 0; i < space.Count; i++)
        {
            Parameter p = space.Parameters[i];
            Field(text, p.Name);
            text.Append(CultureInfo.InvariantCulture, $"{p.Kind}|{p.Low:R}|{p.High:R}|{p.IsLog}|{p.Step:R}|{p.IsBoolean}|{p.Choices.Count}:");
            foreach (string choice in p.Choices)
            {
                Field(text, choice);
            }

            if (space.ParentIndex(i) is int parent and >= 0)
            {
                text.Append("|when ");
                Field(text, space.Parameters[parent].Name);
                text.AppendJoin(',', space.ActivatingValues(i).ToArray().Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
            }

            text.Append('\n');
        }

        if (space.Fidelity is Fidelity f)
        {
            text.Append("fidelity ");
            Field(text, f.Name);
            text.Append(CultureInfo.InvariantCulture, $"{f.Kind}|{f.Low:R}|{f.High:R}|{f.IsLog}|{f.FixedCost:R}|{f.Tasks.Count}:");
            foreach (FidelityTask task in f.Tasks)
            {
                Field(text, task.Name);
                text.Append(CultureInfo.InvariantCulture, $"{task.Cost:R}|");
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Appends a text field as its length, a colon, and the text.</summary>
    private static void Field(StringBuilder text, string value) =>
        text.Append(CultureInfo.InvariantCulture, $"{value.Length}:").Append(value);
}
