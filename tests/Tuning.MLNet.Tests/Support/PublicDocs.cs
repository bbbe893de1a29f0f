using System.Xml.Linq;

namespace Tuning.MLNet.Tests.Support;

/// <summary>Reads the XML documentation the package ships beside its assembly, so tests can hold the docs to what the code does.</summary>
internal static class PublicDocs
{
    private static readonly Lazy<XDocument> Document = new(() =>
        XDocument.Load(Path.Combine(AppContext.BaseDirectory, "Tuning.MLNet.xml")));

    /// <summary>The exception types a member documents, by its documentation id (such as <c>M:Tuning.MLNet.X.Y(System.Int32)</c>).</summary>
    public static IReadOnlyList<string> Exceptions(string member) =>
        [.. Document.Value.Descendants("member").Single(m => (string?)m.Attribute("name") == member)
            .Elements("exception").Select(e => ((string?)e.Attribute("cref") ?? string.Empty).Replace("T:", string.Empty, StringComparison.Ordinal))];
}
