using System.Reflection;

namespace Tuning.Reporting;

/// <summary>
/// The scripts and style the report's page needs, embedded in this assembly: plotly.js (MIT licence, from the npm
/// package <c>plotly.js-dist-min</c>; the licence ships in the package's <c>licenses/</c> folder), the report's own
/// script, and its style sheet.
/// </summary>
internal static class ReportAssets
{
    /// <summary>The version of the embedded plotly.js.</summary>
    public const string PlotlyVersion = "4.1.2";

    private static readonly Lazy<string> PlotlyText = new(() => Read("plotly.min.js"));
    private static readonly Lazy<string> ScriptText = new(() => Read("report.js"));
    private static readonly Lazy<string> StyleText = new(() => Read("report.css"));

    /// <summary>Gets plotly.js, minified.</summary>
    public static string Plotly => PlotlyText.Value;

    /// <summary>Gets the report's script: draws the charts and sorts and filters the trial table (and, in the dashboard, follows changes).</summary>
    public static string Script => ScriptText.Value;

    /// <summary>Gets the report's style sheet.</summary>
    public static string Style => StyleText.Value;

    private static string Read(string name)
    {
        using Stream stream = typeof(ReportAssets).Assembly.GetManifestResourceStream("Tuning.Reporting." + name)
            ?? throw new InvalidOperationException($"The resource {name} is missing from {typeof(ReportAssets).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Gets the informational version of this assembly, to tell caches of the dashboard's assets apart.</summary>
    public static string Version { get; } =
        typeof(ReportAssets).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";
}
