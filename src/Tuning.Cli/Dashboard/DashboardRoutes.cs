using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Tuning.Cli.Dashboard;

/// <summary>The dashboard's addresses, in one place: pages link with these and the server maps the same patterns.</summary>
internal static class DashboardRoutes
{
    public const string Home = "/";

    public const string Assets = "/assets/";

    private const string Studies = "/studies/";

    /// <summary>
    /// A study's page: its name as one path segment, every character but letters, digits and <c>-._~</c> escaped. (A
    /// study named <c>.</c> or <c>..</c> has no page: browsers resolve such a segment, escaped or not, before they ask.)
    /// </summary>
    public static string Study(string name) => Studies + Uri.EscapeDataString(name);

    public static string View(string name) => Study(name) + "/view";

    public static string Events(string name) => Study(name) + "/events";

    public static string Trial(string name, int id) => Study(name) + "/trials/" + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The study name in a request to one of a study's addresses, decoded exactly as <see cref="Study"/> encoded it.
    /// ASP.NET Core decodes every escape of a path but <c>%2F</c> (an escaped slash must not split a segment), so a
    /// study named <c>team/resnet</c> would reach the route as <c>team%2Fresnet</c>, which is also how the study
    /// named <c>team%2Fresnet</c> would arrive: the name is read from the request line as the client sent it instead.
    /// </summary>
    /// <param name="http">The request.</param>
    /// <param name="routed">The route's <c>{name}</c>, used when the request line is not at hand (a test server).</param>
    public static string StudyName(HttpContext http, string routed)
    {
        ArgumentNullException.ThrowIfNull(http);
        string? target = http.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (target is not null && !target.StartsWith('/') && Uri.TryCreate(target, UriKind.Absolute, out Uri? absolute))
        {
            target = absolute.AbsolutePath; // the absolute form a proxy sends; its path keeps its escapes
        }

        if (target is null || !target.StartsWith(Studies, StringComparison.Ordinal))
        {
            return routed;
        }

        string rest = target[Studies.Length..];
        int end = rest.IndexOfAny(['/', '?', '#']);
        return Uri.UnescapeDataString(end < 0 ? rest : rest[..end]);
    }
}
