using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Tuning.Cli.Dashboard;

/// <summary>
/// A study's server-sent events: an event <c>changed</c> carrying the study's revision, sent when the stream opens and
/// whenever the revision changes, and a comment now and then so idle streams stay open. The stream ends when the page
/// closes or the server stops.
/// </summary>
internal static class StudyEvents
{
    public static async Task StreamAsync(HttpContext http, DashboardStudies studies, string name, DashboardOptions options, CancellationToken stopping)
    {
        using var ends = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        CancellationToken token = ends.Token;
        if (studies.Find(name) is not Study study)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        long sent = -1;
        DateTimeOffset lastWrite = DateTimeOffset.UtcNow;
        try
        {
            while (!token.IsCancellationRequested)
            {
                long revision = new StudySnapshot(study).Revision;
                if (revision != sent)
                {
                    await http.Response.WriteAsync($"event: changed\ndata: {revision.ToString(CultureInfo.InvariantCulture)}\n\n", token).ConfigureAwait(false);
                    sent = revision;
                    lastWrite = DateTimeOffset.UtcNow;
                }
                else if (DateTimeOffset.UtcNow - lastWrite >= options.KeepAlive)
                {
                    await http.Response.WriteAsync(": keep-alive\n\n", token).ConfigureAwait(false);
                    lastWrite = DateTimeOffset.UtcNow;
                }

                await http.Response.Body.FlushAsync(token).ConfigureAwait(false);
                await Task.Delay(options.PollInterval, token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The page closed or the server stops: the stream simply ends.
        }
    }
}
