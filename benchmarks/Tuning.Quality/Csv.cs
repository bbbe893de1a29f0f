namespace Tuning.Quality;

/// <summary>Writing the suites' CSV files.</summary>
internal static class Csv
{
    /// <summary>A CSV field: in double quotes (doubled inside) when it holds a comma, a quote or a line break.</summary>
    public static string Field(string text) =>
        text.AsSpan().IndexOfAny(",\"\n") >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
}
