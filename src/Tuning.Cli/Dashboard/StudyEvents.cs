using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Tuning.Cli.Dashboard;

/// <summary>
/// A study's server-sent events: an event <c>changed</c> carrying the study's revision, sent when the stream opens and
/// whenever the revision changes, and a comment now and then so idle streams stay open. The stream ends when the page
/// closes or the server stops, or with an event <c>gone</c> when the study is no longer in the storage under its name
/// (deleted, renamed, or replaced by another study of that name).
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
                if (Revision(studies, name, study) is not long revision)
                {
                    await http.Response.WriteAsync("event: gone\ndata: \n\n", token).ConfigureAwait(false);
                    await http.Response.Body.FlushAsync(token).ConfigureAwait(false);
                    return;
                }

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

    /// <summary>The study's revision, or <see langword="null"/> when the storage no longer has it under its name.</summary>
    private static long? Revision(DashboardStudies studies, string name, Study study)
    {
        if (!ReferenceEquals(studies.Find(name), study))
        {
            return null;
        }

        try
        {
            return new StudySnapshot(study).Revision;
        }
        catch (InvalidOperationException) when (!ReferenceEquals(studies.Find(name), study))
        {
            return null; // deleted while it was read
        }
    }
}
