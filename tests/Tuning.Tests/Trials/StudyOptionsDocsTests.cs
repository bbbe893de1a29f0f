using Tuning.Tests.Support;

namespace Tuning.Tests.Trials;

/// <summary>
/// Every public way to get a study refuses options that are not valid with an <see cref="ArgumentException"/> naming
/// <c>options</c>, and says so in its documentation.
/// </summary>
public class StudyOptionsDocsTests
{
    private static readonly SearchSpace Space = new SearchSpaceBuilder().Float("x", 0, 1).Build();

    private static readonly StudyOptions Invalid = new() { HeartbeatInterval = TimeSpan.FromSeconds(10), HeartbeatGracePeriod = TimeSpan.FromSeconds(1) };

    public static TheoryData<string, Func<Study>> Entries => new()
    {
        { "M:Tuning.Study.#ctor(Tuning.SearchSpace,Tuning.Metric,Tuning.ISuggester,Tuning.StudyOptions)", () => new Study(Space, Metric.Minimize("y"), null, Invalid) },
        { "M:Tuning.Study.#ctor(Tuning.SearchSpace,System.Collections.Generic.IReadOnlyList{Tuning.Metric},Tuning.ISuggester,Tuning.StudyOptions)", () => new Study(Space, [Metric.Minimize("y")], null, Invalid) },
        { "M:Tuning.Study.Open(Tuning.IStudyStorage,System.String,Tuning.ISuggester,Tuning.StudyOptions)", () => Study.Open(Stored(), "s", null, Invalid) },
        { "M:Tuning.Study.Create(Tuning.IStudyStorage,System.String,Tuning.SearchSpace,Tuning.Metric,Tuning.ISuggester,Tuning.StudyOptions)", () => Study.Create(new InMemoryStudyStorage(), "s", Space, Metric.Minimize("y"), null, Invalid) },
        { "M:Tuning.Study.FromJson(System.String,Tuning.IStudyStorage,Tuning.ISuggester,Tuning.StudyOptions)", () => Study.FromJson(new Study(Space, Metric.Minimize("y")).ToJson(), null, null, Invalid) },
    };

    [Theory]
    [MemberData(nameof(Entries))]
    public void Options_that_are_not_valid_are_refused_as_documented(string member, Func<Study> create)
    {
        var e = Assert.Throws<ArgumentException>(create);

        Assert.Equal("options", e.ParamName);
        string documented = PublicDocs.Exception(member, typeof(ArgumentException));
        Assert.Contains("options are not valid", documented, StringComparison.Ordinal);
    }

    private static InMemoryStudyStorage Stored()
    {
        var storage = new InMemoryStudyStorage();
        Study.Create(storage, "s", Space, Metric.Minimize("y"));
        return storage;
    }
}
