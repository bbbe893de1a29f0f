using Tuning.Tests.Support;

namespace Tuning.Tests.Suggesters;

/// <summary><see cref="ISuggester"/>'s docs name every suggester the library ships, and every one of them refuses what the docs say.</summary>
public class SuggesterContractDocsTests
{
    private static readonly Type[] Shipped =
        [.. typeof(ISuggester).Assembly.GetExportedTypes().Where(t => t.IsClass && typeof(ISuggester).IsAssignableFrom(t)).OrderBy(t => t.Name)];

    public static TheoryData<ISuggester> Suggesters => [.. Shipped.Select(t => (ISuggester)Activator.CreateInstance(t, [.. t.GetConstructors()[0].GetParameters().Select(p => p.DefaultValue)])!)];

    [Fact]
    public void The_interface_names_every_suggester_the_library_ships()
    {
        IReadOnlyList<string> named = PublicDocs.SummaryReferences("T:Tuning.ISuggester");

        Assert.Equal(5, Shipped.Length);
        Assert.All(Shipped, t => Assert.Contains($"T:{t.FullName}", named));
    }

    [Theory]
    [MemberData(nameof(Suggesters))]
    public void Every_suggester_refuses_a_null_context_and_a_count_below_one_as_the_interface_documents(ISuggester suggester)
    {
        var context = new SuggestionContext(new SearchSpaceBuilder().Float("x", 0, 1).IntFidelity("epochs", 1, 9).Build(), [Metric.Minimize("y")], []);
        const string member = "M:Tuning.ISuggester.Suggest(Tuning.SuggestionContext,System.Int32)";

        Assert.Equal("context", Assert.Throws<ArgumentNullException>(() => suggester.Suggest(null!, 1)).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => suggester.Suggest(context, 0)).ParamName);
        Assert.NotEmpty(PublicDocs.Exception(member, typeof(ArgumentNullException)));
        Assert.NotEmpty(PublicDocs.Exception(member, typeof(ArgumentOutOfRangeException)));
    }
}
