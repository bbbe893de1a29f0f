namespace Tuning.Docs.Tests;

/// <summary>One <c>```csharp</c> block of a README, with the <c>using</c> directives of the blocks before it in the same file.</summary>
/// <param name="File">The README's path relative to the repository root.</param>
/// <param name="Line">The 1-based line of the block's first code line in the README.</param>
/// <param name="Code">The block's code.</param>
/// <param name="EarlierUsings">The <c>using</c> directives of the earlier blocks of the same README.</param>
/// <param name="ExcerptOf">
/// The source file (relative to the repository root) the block quotes, when an <c>&lt;!-- excerpt: PATH --&gt;</c>
/// line comes just before it, or <see langword="null"/> for a block that is compiled on its own.
/// </param>
public sealed record ReadmeBlock(string File, int Line, string Code, IReadOnlyList<string> EarlierUsings, string? ExcerptOf = null)
{
    /// <summary>Gets the block's name in test output: <c>README.md:42</c>.</summary>
    public override string ToString() => $"{File}:{Line}";
}
