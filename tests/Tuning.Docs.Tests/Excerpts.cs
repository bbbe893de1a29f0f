namespace Tuning.Docs.Tests;

/// <summary>
/// Checks a README block marked <c>&lt;!-- excerpt: PATH --&gt;</c>: its lines, trimmed and without blank ones, must
/// appear one after another in that file. Used for projects outside the solution (the TorchSharp sample restores
/// about 1.3 GB), whose own build compiles the file.
/// </summary>
public static class Excerpts
{
    /// <summary>Gets whether the block is a verbatim excerpt of its source, and why not.</summary>
    public static bool IsVerbatim(ReadmeBlock block, out string reason)
    {
        ArgumentNullException.ThrowIfNull(block);
        string path = Path.Combine(ReadmeBlocks.RepositoryRoot, block.ExcerptOf ?? throw new ArgumentException("The block is not an excerpt.", nameof(block)));
        if (!File.Exists(path))
        {
            reason = $"the excerpt's source {block.ExcerptOf} does not exist";
            return false;
        }

        string[] source = Lines(File.ReadAllText(path));
        string[] excerpt = Lines(block.Code);
        for (int start = 0; start + excerpt.Length <= source.Length; start++)
        {
            if (source.AsSpan(start, excerpt.Length).SequenceEqual(excerpt))
            {
                reason = string.Empty;
                return true;
            }
        }

        string first = excerpt.FirstOrDefault(line => !source.Contains(line)) ?? "the lines are there, but not in this order";
        reason = $"not the text of {block.ExcerptOf}; first line not found: {first}";
        return false;
    }

    private static string[] Lines(string text) =>
        [.. text.ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];
}
