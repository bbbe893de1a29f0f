namespace Tuning.Docs.Tests;

/// <summary>Every <c>```csharp</c> block of every README.md compiles against the repository's packages (see <see cref="SnippetCompiler"/> for the wrapping rules).</summary>
public sealed class ReadmeSnippetTests
{
    public static TheoryData<string> Blocks() => [.. ReadmeBlocks.All().Select(b => b.ToString())];

    [Theory]
    [MemberData(nameof(Blocks))]
    public void The_block_compiles(string name)
    {
        IReadOnlyList<ReadmeBlock> all = ReadmeBlocks.All();
        int index = all.Select((b, i) => (b, i)).Single(x => x.b.ToString() == name).i;

        ReadmeBlock block = all[index];
        if (block.ExcerptOf is not null)
        {
            // An excerpt of a project outside the solution (its own build compiles it): it must be that file's text.
            Assert.True(Excerpts.IsVerbatim(block, out string reason), $"{name}: {reason}");
            return;
        }

        IReadOnlyList<string> errors = SnippetCompiler.Errors(block, index);

        Assert.True(errors.Count == 0, $"{name} does not compile:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
    }

    [Fact]
    public void An_excerpt_must_be_the_text_of_its_source_file()
    {
        var quoted = new ReadmeBlock("x/README.md", 1, "        trial.Report(epoch, loss);\n        if (epoch < epochs && study.ShouldPrune(trial)) throw new TrialPrunedException($\"pruned after epoch {epoch}\");", [], "samples/TorchSharp/Program.cs");
        var edited = quoted with { Code = "trial.Report(epoch, loss);\nstudy.Prune(trial);" };
        var missing = quoted with { ExcerptOf = "samples/TorchSharp/Gone.cs" };

        Assert.True(Excerpts.IsVerbatim(quoted, out _));
        Assert.False(Excerpts.IsVerbatim(edited, out string reason));
        Assert.Contains("study.Prune(trial);", reason, StringComparison.Ordinal);
        Assert.False(Excerpts.IsVerbatim(missing, out string gone));
        Assert.Contains("Gone.cs", gone, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_readme_with_csharp_is_found_and_no_block_is_left_out()
    {
        IReadOnlyList<string> readmes = ReadmeBlocks.Readmes();
        IReadOnlyList<ReadmeBlock> blocks = ReadmeBlocks.All();

        Assert.Contains("README.md", readmes);
        Assert.Contains("src/Tuning.MLNet/README.md", readmes);
        Assert.Contains(blocks, b => b.ExcerptOf == "samples/TorchSharp/Program.cs");
        Assert.DoesNotContain(readmes, r => r.Contains("/bin/", StringComparison.Ordinal) || r.Contains("/obj/", StringComparison.Ordinal));
        int fenced = readmes.Sum(r => File.ReadAllLines(Path.Combine(ReadmeBlocks.RepositoryRoot, r)).Count(l => l.Trim() == "```csharp"));
        Assert.Equal(fenced, blocks.Count);
        Assert.True(blocks.Count >= 15, $"only {blocks.Count} blocks found");
    }

    [Fact]
    public void A_block_that_misses_a_using_fails_at_its_readme_line()
    {
        // The logging README's block as it was: Study and StudyOptions live in Tuning, which it did not import.
        var block = new ReadmeBlock("src/Tuning.Extensions.Logging/README.md", 8, """
            using Tuning.Extensions.Logging;

            var options = new StudyOptions { Listener = new LoggingStudyListener(loggerFactory.CreateLogger<Study>()) };
            var study = new Study(space, Metric.Minimize("loss"), new GaussianProcessSuggester(seed: 1), options);
            """, []);

        IReadOnlyList<string> errors = SnippetCompiler.Errors(block);

        Assert.Contains(errors, e => e.StartsWith("src/Tuning.Extensions.Logging/README.md:10: CS0246", StringComparison.Ordinal) && e.Contains("StudyOptions", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("src/Tuning.Extensions.Logging/README.md:11:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_block_that_calls_an_api_wrongly_fails()
    {
        var wrongProgress = new ReadmeBlock("README.md", 1, """
            using Tuning;

            await study.OptimizeAsync(async (trial, ct) => await TrainAsync(trial, ct), trials: 50, progress: (object)progress);
            """, []);
        var renamed = new ReadmeBlock("README.md", 1, "using Tuning;\n\nTrial t = study.AskTrial();", []);

        Assert.NotEmpty(SnippetCompiler.Errors(wrongProgress));
        Assert.Contains(SnippetCompiler.Errors(renamed), e => e.Contains("CS1061", StringComparison.Ordinal));
    }

    [Fact]
    public void Later_blocks_inherit_the_usings_of_earlier_ones_and_types_stay_at_file_level()
    {
        var first = new ReadmeBlock("x/README.md", 3, "using Tuning;\n\nvar s = new SearchSpaceBuilder().Float(\"a\", 0, 1).Build();", []);
        var second = new ReadmeBlock("x/README.md", 9, """
            var typed = new Study(SearchSpace.From<P>(), Metric.Minimize("loss"));
            P p = typed.Ask().Bind<P>();

            public sealed class P { [FloatRange(0, 1)] public double A { get; set; } }
            """, ["using Tuning;"]);

        Assert.Empty(SnippetCompiler.Errors(first));
        Assert.Empty(SnippetCompiler.Errors(second));
        Assert.NotEmpty(SnippetCompiler.Errors(second with { EarlierUsings = [] }));
    }
}
