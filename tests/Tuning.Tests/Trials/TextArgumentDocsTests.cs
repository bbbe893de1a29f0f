using Tuning.Tests.Support;

namespace Tuning.Tests.Trials;

/// <summary>Text a study stores is refused when it is null, blank or no valid Unicode, and the docs of each entry say so.</summary>
public class TextArgumentDocsTests
{
    [Fact]
    public void SetAttribute_refuses_what_it_documents_and_takes_attributes_on_a_finished_trial()
    {
        var study = new Study(new SearchSpaceBuilder().Float("x", 0, 1).Build(), Metric.Minimize("y"), new RandomSuggester(seed: 1));
        Trial trial = study.Ask();
        study.Tell(trial, 1);

        trial.SetAttribute("model", "a.onnx");

        Assert.Equal("a.onnx", trial.Attributes["model"]);
        Assert.Equal("value", Assert.Throws<ArgumentNullException>(() => trial.SetAttribute("k", null!)).ParamName);
        Assert.Equal("key", Assert.Throws<ArgumentException>(() => trial.SetAttribute(" ", "v")).ParamName);
        Assert.Equal("value", Assert.Throws<ArgumentException>(() => trial.SetAttribute("k", "\uD800")).ParamName);
        const string member = "M:Tuning.Trial.SetAttribute(System.String,System.String)";
        Assert.Contains("value", PublicDocs.Exception(member, typeof(ArgumentNullException)), StringComparison.Ordinal);
        Assert.Contains("white space", PublicDocs.Exception(member, typeof(ArgumentException)), StringComparison.Ordinal);
        Assert.Contains("lone UTF-16 surrogate", PublicDocs.Exception(member, typeof(ArgumentException)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_task_name_is_refused_as_documented()
    {
        Assert.Equal("name", Assert.Throws<ArgumentNullException>(() => new FidelityTask(null!, 0.5)).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => new FidelityTask(" ", 0.5)).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => new FidelityTask("a\uD800", 0.5)).ParamName);
        const string member = "M:Tuning.FidelityTask.#ctor(System.String,System.Double)";
        Assert.NotEmpty(PublicDocs.Exception(member, typeof(ArgumentNullException)));
        Assert.Contains("lone UTF-16 surrogate", PublicDocs.Exception(member, typeof(ArgumentException)), StringComparison.Ordinal);
    }
}
