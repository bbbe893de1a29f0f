using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Tuning.Tests.Support;

/// <summary>Reads the XML documentation the package ships beside its assembly, so tests can hold the docs to what the code does.</summary>
internal static partial class PublicDocs
{
    private static readonly Lazy<XDocument> Document = new(() =>
        XDocument.Load(Path.ChangeExtension(typeof(Study).Assembly.Location, ".xml")));

    /// <summary>What a member documents about an exception type, on one line ("" when it documents none).</summary>
    /// <param name="member">The documentation id, such as <c>M:Tuning.Trial.SetAttribute(System.String,System.String)</c>.</param>
    /// <param name="exception">The exception type.</param>
    public static string Exception(string member, Type exception)
    {
        XElement element = Document.Value.Descendants("member").Single(m => (string?)m.Attribute("name") == member);
        string text = string.Join(" ", element.Elements("exception").Where(x => (string?)x.Attribute("cref") == $"T:{exception.FullName}").Select(Text));
        return Spaces().Replace(text, " ").Trim();
    }

    /// <summary>The members a member's summary refers to, by documentation id (such as <c>T:Tuning.GridSuggester</c>).</summary>
    public static IReadOnlyList<string> SummaryReferences(string member) =>
        [.. Document.Value.Descendants("member").Single(m => (string?)m.Attribute("name") == member)
            .Element("summary")!.Descendants("see").Select(see => (string?)see.Attribute("cref") ?? string.Empty)];

    /// <summary>An element's text as a reader sees it: a <c>paramref</c> as the parameter's name, a <c>see</c> as its keyword or the name it refers to.</summary>
    private static string Text(XElement element) => string.Concat(element.Nodes().Select(node => node switch
    {
        XText text => text.Value,
        XElement { Name.LocalName: "paramref" } reference => (string?)reference.Attribute("name") ?? string.Empty,
        XElement { Name.LocalName: "see" } see when see.IsEmpty =>
            (string?)see.Attribute("langword") ?? ((string?)see.Attribute("cref"))?.Split('.', ':')[^1] ?? string.Empty,
        XElement other => Text(other),
        _ => string.Empty,
    }));

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
