using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Tuning.Reporting.Tests.Support;

/// <summary>Reads the XML documentation the package ships beside its assembly, so tests can hold the docs to what the code does.</summary>
internal static partial class PublicDocs
{
    private static readonly Lazy<XDocument> Document = new(() =>
        XDocument.Load(Path.Combine(AppContext.BaseDirectory, "Tuning.Reporting.Images.xml")));

    /// <summary>The summary of a member, by its documentation id, on one line.</summary>
    public static string Summary(string member)
    {
        XElement element = Document.Value.Descendants("member").Single(m => (string?)m.Attribute("name") == member);
        return Spaces().Replace(element.Element("summary")!.Value, " ").Trim();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
