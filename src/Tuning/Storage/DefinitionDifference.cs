namespace Tuning;

/// <summary>
/// The first difference between a stored study's definition and the one given to open it, in the words of
/// <see cref="Parameter.ToString"/> (conditions as the space compares them, a bool as <c>bool</c>),
/// <see cref="Fidelity.ToString"/> and <see cref="Metric.ToString"/>: what a refusal to open the study says before it
/// shows both definitions in full.
/// </summary>
internal static class DefinitionDifference
{
    /// <summary>Describes the first difference, such as <c>parameter 'lr' is stored as …, given as …</c>; null if their texts show none.</summary>
    public static string? Describe(StudyDefinition stored, StudyDefinition given)
    {
        return Compare("parameter", Parameters(stored.Space), Parameters(given.Space))
            ?? (stored.Space.Fidelity?.ToString() is var s && given.Space.Fidelity?.ToString() is var g && s != g
                ? $"the fidelity is stored as {s ?? "none"}, given as {g ?? "none"}"
                : null)
            ?? Compare("metric", [.. stored.Metrics.Select(m => (m.Name, m.ToString()))], [.. given.Metrics.Select(m => (m.Name, m.ToString()))]);
    }

    private static (string Name, string Text)[] Parameters(SearchSpace space) =>
        [.. Enumerable.Range(0, space.Count).Select(i => (space.Parameters[i].Name, Text(space, i)))];

    /// <summary>
    /// A parameter as <see cref="Parameter.ToString"/> writes it, but with its condition's values as the space compares
    /// them (in the parent's order, each once, as a definition stores them), so that values listed otherwise are no
    /// difference; and a bool as <c>bool</c>, whose text would otherwise be that of a categorical of the strings "false"
    /// and "true", which a definition stores as another parameter.
    /// </summary>
    private static string Text(SearchSpace space, int index)
    {
        Parameter p = space.Parameters[index];
        string text = p.ToString();
        if (p.Condition is Condition written)
        {
            text = $"{text[..^$" when {written}".Length]} when {new Condition(written.Parent, space.ActivatingChoices(index))}";
        }

        string categorical = $"{p.Name}: categorical {{false, true}}";
        return p.IsBoolean && text.StartsWith(categorical, StringComparison.Ordinal) ? $"{p.Name}: bool{text[categorical.Length..]}" : text;
    }

    private static string? Compare(string what, (string Name, string Text)[] stored, (string Name, string Text)[] given)
    {
        var givenByName = given.ToDictionary(x => x.Name, x => x.Text, StringComparer.Ordinal);
        foreach ((string name, string text) in stored)
        {
            if (!givenByName.TryGetValue(name, out string? other))
            {
                return $"{what} '{name}' is stored but not given";
            }

            if (other != text)
            {
                return $"{what} '{name}' is stored as {text}, given as {other}";
            }
        }

        if (given.FirstOrDefault(x => !stored.Any(s => s.Name == x.Name)) is { Name: string extra })
        {
            return $"{what} '{extra}' is given but not stored";
        }

        return stored.Select(x => x.Name).SequenceEqual(given.Select(x => x.Name), StringComparer.Ordinal)
            ? null
            : $"the {what}s are stored in the order {string.Join(", ", stored.Select(x => x.Name))}, given in the order {string.Join(", ", given.Select(x => x.Name))}";
    }
}
