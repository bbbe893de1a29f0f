using System.Reflection.PortableExecutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Tuning.Docs.Tests;

/// <summary>
/// Wraps a README block into a compilation unit and compiles it against the repository's packages. The rules, kept
/// simple on purpose:
/// <list type="number">
/// <item><description>The block's <c>using</c> directives, those of the earlier blocks of the same README, and the .NET SDK's implicit usings are its usings; nothing else is imported.</description></item>
/// <item><description>The block's statements become the body of an async method of a class derived from <see cref="DocContext"/>, which supplies the undeclared names the READMEs use.</description></item>
/// <item><description>The block's type declarations stay at file level, as in a program with top-level statements.</description></item>
/// <item><description>Every error fails the block, reported at its README line; warnings are ignored.</description></item>
/// </list>
/// </summary>
public static class SnippetCompiler
{
    /// <summary>The usings an SDK-style console project imports implicitly (<c>ImplicitUsings</c>).</summary>
    public static readonly string[] ImplicitUsings =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    private static readonly Lazy<MetadataReference[]> References = new(LoadReferences);

    /// <summary>Gets the wrapped source of a block.</summary>
    public static string Wrap(ReadmeBlock block, int index = 0)
    {
        var unit = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(block.Code, CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest)).GetRoot();
        var source = new StringBuilder();
        foreach (string name in ImplicitUsings)
        {
            source.Append("global using global::").Append(name).AppendLine(";");
        }

        foreach (string directive in block.EarlierUsings.Except(unit.Usings.Select(u => u.ToString().Trim()), StringComparer.Ordinal).Distinct(StringComparer.Ordinal))
        {
            source.AppendLine(directive);
        }

        foreach (UsingDirectiveSyntax directive in unit.Usings)
        {
            AppendAt(source, block, directive, directive.ToFullString());
        }

        source.AppendLine($"namespace ReadmeBlock{index};");
        source.AppendLine("internal sealed class Snippet : global::Tuning.Docs.Tests.DocContext");
        source.AppendLine("{");
        source.AppendLine("    internal async global::System.Threading.Tasks.Task RunAsync()");
        source.AppendLine("    {");
        foreach (GlobalStatementSyntax statement in unit.Members.OfType<GlobalStatementSyntax>())
        {
            AppendAt(source, block, statement, statement.ToFullString());
        }

        source.AppendLine("#line default");
        source.AppendLine("        await global::System.Threading.Tasks.Task.CompletedTask;");
        source.AppendLine("    }");
        source.AppendLine("}");
        foreach (MemberDeclarationSyntax member in unit.Members.Where(m => m is not GlobalStatementSyntax))
        {
            AppendAt(source, block, member, member.ToFullString());
        }

        return source.ToString();
    }

    /// <summary>Compiles a block and returns its errors (empty when it compiles), each with its README line.</summary>
    public static IReadOnlyList<string> Errors(ReadmeBlock block, int index = 0)
    {
        SyntaxTree tree = CSharpSyntaxTree.ParseText(Wrap(block, index), CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest), path: block.File);
        var compilation = CSharpCompilation.Create(
            $"ReadmeBlock{index}",
            [tree],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        return [.. compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => $"{d.Location.GetMappedLineSpan().Path}:{d.Location.GetMappedLineSpan().StartLinePosition.Line + 1}: {d.Id} {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")];
    }

    /// <summary>Appends a piece of the block after a <c>#line</c> directive that maps it back to its README line.</summary>
    private static void AppendAt(StringBuilder source, ReadmeBlock block, SyntaxNode node, string text)
    {
        int line = block.Line + node.GetLocation().GetLineSpan().StartLinePosition.Line - CountLeadingLines(node);
        source.AppendLine($"#line {line} \"{block.File}\"");
        source.AppendLine(text.TrimEnd());
    }

    /// <summary>The lines of leading trivia (comments, blank lines) before the node's first token, which ToFullString includes.</summary>
    private static int CountLeadingLines(SyntaxNode node) => node.GetLeadingTrivia().Count(t => t.IsKind(SyntaxKind.EndOfLineTrivia));

    /// <summary>The runtime's assemblies and every managed assembly beside the tests (the repository's packages and their dependencies).</summary>
    private static MetadataReference[] LoadReferences()
    {
        IEnumerable<string> platform = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        IEnumerable<string> local = Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll");
        return [.. platform.Concat(local)
            .Where(IsManaged)
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(g => MetadataReference.CreateFromFile(g.First()))];
    }

    private static bool IsManaged(string path)
    {
        try
        {
            using var reader = new PEReader(File.OpenRead(path));
            return reader.HasMetadata;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
