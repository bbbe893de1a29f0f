namespace Tuning.Reporting;

/// <summary>How a report page is served: as one offline file (the defaults), or as a page of the live dashboard.</summary>
internal sealed record PageSettings
{
    /// <summary>Gets the address the scripts and style are served from; <see langword="null"/> embeds them in the page.</summary>
    public string? AssetBase { get; init; }

    /// <summary>Gets the address of the study's current view (JSON), for a page that follows changes.</summary>
    public string? ViewUrl { get; init; }

    /// <summary>Gets the address of the study's server-sent events, for a page that follows changes.</summary>
    public string? EventsUrl { get; init; }

    /// <summary>Gets the address of a trial's own page, or <see langword="null"/> for none.</summary>
    public Func<Trial, string?>? TrialLink { get; init; }

    /// <summary>Gets the links above the title, as (address, text).</summary>
    public IReadOnlyList<(string Href, string Text)> Breadcrumbs { get; init; } = [];
}
