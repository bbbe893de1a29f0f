using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tuning.Reporting;

namespace Tuning.Cli.Dashboard;

/// <summary>
/// The live dashboard: a read-only web server (Kestrel) over a study storage. It has a page listing the studies, a
/// page per study with the report's interactive charts and trial table, which redraws itself as trials arrive, and a
/// page per trial. Every endpoint only reads; nothing asks, tells or changes a study.
/// </summary>
/// <remarks>
/// A study page follows its study with server-sent events: the server checks the storage every
/// <see cref="DashboardOptions.PollInterval"/> and sends the study's revision (<see cref="StudySnapshot.Revision"/>) when
/// it changes; the page then fetches the new view and redraws in place, keeping the table's sort and filter.
/// </remarks>
internal sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DashboardServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>Gets the address the dashboard answers on, such as <c>http://127.0.0.1:8080/</c>.</summary>
    public Uri Address { get; }

    /// <summary>Starts the server.</summary>
    /// <param name="storage">The storage whose studies it shows.</param>
    /// <param name="storageName">How pages name the storage (never with a password).</param>
    /// <param name="options">The address, port and poll interval.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="IOException">The address or port cannot be listened on (in use, or not an address of this machine).</exception>
    public static async Task<DashboardServer> StartAsync(IStudyStorage storage, string storageName, DashboardOptions options, CancellationToken cancellationToken)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "Tuning.Cli" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Parse(options.Host), options.Port));
        builder.Services.AddSingleton(new DashboardStudies(storage));
        bool loopback = IPAddress.IsLoopback(IPAddress.Parse(options.Host));
        if (loopback)
        {
            // On the loopback address, a request that names another host reached it through a name that resolves to
            // this machine only for the moment (DNS rebinding): a web page from elsewhere reading the studies.
            builder.Services.AddHostFiltering(filter =>
            {
                filter.AllowedHosts = ["localhost", "127.0.0.1", "[::1]", options.Host];
                filter.IncludeFailureMessage = false;
            });
        }

        WebApplication app = builder.Build();
        if (loopback)
        {
            app.UseHostFiltering();
        }

        app.Use((http, next) => AnswerStorageFailures(http, next, storageName));
        Map(app, storageName, options);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        string bound = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new DashboardServer(app, new Uri(bound.EndsWith('/') ? bound : bound + "/"));
    }

    /// <summary>Waits until the token is cancelled, then stops the server (open event streams end at once).</summary>
    public async Task RunUntilCancelledAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: a normal end.
        }

        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync() => await _app.DisposeAsync().ConfigureAwait(false);

    /// <summary>The methods a page answers: GET, and HEAD (its headers alone, as HTTP asks of every GET resource, for link checkers and uptime probes).</summary>
    private static readonly string[] PageMethods = [HttpMethods.Get, HttpMethods.Head];

    /// <summary>Maps a page, a view or an asset: GET and HEAD. The event stream is GET only, since a HEAD of it would never end.</summary>
    private static void MapPage(WebApplication app, string pattern, Delegate handler) => app.MapMethods(pattern, PageMethods, handler);

    private static void Map(WebApplication app, string storageName, DashboardOptions options)
    {
        var report = new ReportOptions();
        MapPage(app, DashboardRoutes.Home, (DashboardStudies studies) =>
        {
            var rows = new List<(StoredStudy, StudySnapshot?, string?)>();
            foreach (StoredStudy stored in studies.List())
            {
                try
                {
                    rows.Add(studies.Find(stored.Name) is Study study ? (stored, new StudySnapshot(study), null) : (stored, null, "it was deleted"));
                }
                catch (FormatException e)
                {
                    rows.Add((stored, null, e.Message));
                }
            }

            return Html(DashboardPages.StudyList(storageName, rows));
        });

        MapPage(app, "/studies/{name}", (string name, HttpContext http, DashboardStudies studies) => WithStudy(http, studies, name, (study, name) =>
        {
            var settings = new PageSettings
            {
                AssetBase = DashboardRoutes.Assets,
                ViewUrl = DashboardRoutes.View(name),
                EventsUrl = DashboardRoutes.Events(name),
                TrialLink = trial => DashboardRoutes.Trial(name, trial.Id),
                Breadcrumbs = [(DashboardRoutes.Home, "Studies")],
            };
            ReportView view = ReportView.Build(new StudySnapshot(study), report, settings.TrialLink);
            return Html(ReportPage.Build(view, $"Study {study.Name}", settings));
        }));

        MapPage(app, "/studies/{name}/view", (string name, HttpContext http, DashboardStudies studies) => WithStudy(http, studies, name, (study, name) =>
        {
            ReportView view = ReportView.Build(new StudySnapshot(study), report, trial => DashboardRoutes.Trial(name, trial.Id));
            return Results.Text(view.ToJson(withSections: true), "application/json", Encoding.UTF8);
        }));

        MapPage(app, "/studies/{name}/trials/{id:int}", (string name, int id, HttpContext http, DashboardStudies studies) => WithStudy(http, studies, name, (study, name) =>
        {
            var snapshot = new StudySnapshot(study);
            return snapshot.TryGetTrial(id, out Trial? trial)
                ? Html(DashboardPages.Trial(snapshot, trial))
                : Html(DashboardPages.Message("Trial not found", $"The study '{name}' has no trial #{id}; it has {Numbers.Count(snapshot.Trials.Count, "trial")}."), StatusCodes.Status404NotFound);
        }));

        app.MapGet("/studies/{name}/events", (string name, HttpContext http, DashboardStudies studies, IHostApplicationLifetime lifetime) =>
            StudyEvents.StreamAsync(http, studies, DashboardRoutes.StudyName(http, name), options, lifetime.ApplicationStopping));

        MapPage(app, "/assets/{file}", (string file, HttpContext http) =>
        {
            (string? text, string type) = file switch
            {
                "plotly.min.js" => (ReportAssets.Plotly, "text/javascript"),
                "report.js" => (ReportAssets.Script, "text/javascript"),
                "report.css" => (ReportAssets.Style, "text/css"),
                _ => ((string?)null, "text/plain"),
            };
            if (text is null)
            {
                return Results.NotFound();
            }

            // The address carries the tool's version, so a page of a newer version never gets an older script.
            http.Response.Headers.CacheControl = "public, max-age=86400";
            return Results.Text(text, type, Encoding.UTF8);
        });
    }

    /// <summary>Answers a request to one of a study's addresses with <paramref name="page"/>, given the study and its name (<see cref="DashboardRoutes.StudyName"/>).</summary>
    private static IResult WithStudy(HttpContext http, DashboardStudies studies, string routed, Func<Study, string, IResult> page)
    {
        string name = DashboardRoutes.StudyName(http, routed);
        Study? study;
        try
        {
            study = studies.Find(name);
        }
        catch (FormatException e)
        {
            return Html(DashboardPages.Message("Study cannot be read", $"The study '{name}' cannot be read: {e.Message}"), StatusCodes.Status500InternalServerError);
        }

        return study is null
            ? Html(DashboardPages.Message("Study not found", $"There is no study named '{name}'. Its storage holds: {string.Join(", ", studies.List().Select(s => s.Name))}."), StatusCodes.Status404NotFound)
            : page(study, name);
    }

    /// <summary>
    /// Runs a request, answering a storage that cannot be read (a full disk, a database file deleted or replaced, a
    /// server gone past the retries) with 503 Service Unavailable and a page that names the storage and says why,
    /// rather than an empty 500; the next request tries the storage again.
    /// </summary>
    private static async Task AnswerStorageFailures(HttpContext http, RequestDelegate next, string storageName)
    {
        try
        {
            await next(http).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or TimeoutException or InvalidDataException or System.Data.Common.DbException && !http.Response.HasStarted)
        {
            http.Response.Clear();
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.ContentType = "text/html; charset=utf-8";
            if (!HttpMethods.IsHead(http.Request.Method))
            {
                await http.Response.WriteAsync(DashboardPages.Message("Storage unavailable", $"{storageName} cannot be read: {e.Message}"), Encoding.UTF8).ConfigureAwait(false);
            }
        }
    }

    private static IResult Html(string html, int status = StatusCodes.Status200OK) =>
        Results.Content(html, "text/html", Encoding.UTF8, status);
}
