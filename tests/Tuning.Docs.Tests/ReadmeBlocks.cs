using System.Text.RegularExpressions;

namespace Tuning.Docs.Tests;

/// <summary>Finds every README.md of the repository and extracts its <c>```csharp</c> blocks.</summary>
public static partial class ReadmeBlocks
{
    private static readonly string[] SkippedFolders = ["bin", "obj", ".git", "node_modules", "artifacts", "BenchmarkDotNet.Artifacts"];

    /// <summary>Gets the repository root: the nearest folder above the tests that holds Tuning.sln.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>Gets every README.md under the root, skipping build output, sorted by path.</summary>
    public static IReadOnlyList<string> Readmes() =>
        [.. Directory.EnumerateFiles(RepositoryRoot, "README.md", SearchOption.AllDirectories)
            .Where(path => !Path.GetRelativePath(RepositoryRoot, path).Split(Path.DirectorySeparatorChar).Any(SkippedFolders.Contains))
            .Select(path => Path.GetRelativePath(RepositoryRoot, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)];

    /// <summary>Gets every csharp block of every README.</summary>
    public static IReadOnlyList<ReadmeBlock> All() => [.. Readmes().SelectMany(Extract)];

    /// <summary>Extracts the csharp blocks of one README, each with the usings of the blocks before it.</summary>
    public static IReadOnlyList<ReadmeBlock> Extract(string relativePath)
    {
        string[] lines = File.ReadAllLines(Path.Combine(RepositoryRoot, relativePath));
        var blocks = new List<ReadmeBlock>();
        var usings = new List<string>();
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() != "```csharp")
            {
                continue;
            }

            int start = i + 1;
            int end = start;
            while (end < lines.Length && !lines[end].TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                end++;
            }

            string code = string.Join('\n', lines[start..end]);
            string? excerptOf = i > 0 && ExcerptMarker().Match(lines[i - 1]) is { Success: true } marker ? marker.Groups[1].Value : null;
            blocks.Add(new ReadmeBlock(relativePath, start + 1, code, [.. usings], excerptOf));
            usings.AddRange(UsingDirective().Matches(code).Select(m => m.Value.Trim()));
            i = end;
        }

        return blocks;
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Tuning.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Tuning.sln above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"^\s*<!--\s*excerpt:\s*(\S+)\s*-->\s*$")]
    private static partial Regex ExcerptMarker();

    [GeneratedRegex(@"^\s*using\s+(static\s+)?[A-Za-z_][\w.]*\s*(=\s*[\w.<>,\s]+)?;", RegexOptions.Multiline)]
    private static partial Regex UsingDirective();
}
