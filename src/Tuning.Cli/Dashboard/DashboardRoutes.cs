using System.Globalization;

namespace Tuning.Cli.Dashboard;

/// <summary>The dashboard's addresses, in one place: pages link with these and the server maps the same patterns.</summary>
internal static class DashboardRoutes
{
    public const string Home = "/";

    public const string Assets = "/assets/";

    public static string Study(string name) => "/studies/" + Uri.EscapeDataString(name);

    public static string View(string name) => Study(name) + "/view";

    public static string Events(string name) => Study(name) + "/events";

    public static string Trial(string name, int id) => Study(name) + "/trials/" + id.ToString(CultureInfo.InvariantCulture);
}
