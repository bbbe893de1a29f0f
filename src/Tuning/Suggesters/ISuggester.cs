namespace Tuning;

/// <summary>
/// Chooses the parameters of new trials. Implement it to plug in your own search strategy; the library's are
/// <see cref="GaussianProcessSuggester"/> (a study's default), <see cref="MultiFidelitySuggester"/>,
/// <see cref="GridSuggester"/>, <see cref="RandomSuggester"/> and <see cref="SobolSuggester"/>.
/// </summary>
/// <remarks>
/// A study calls <see cref="Suggest"/> under its own lock (and, with a shared storage, while no other worker asks),
/// so an implementation need not be thread-safe for one study; one given to several studies is called by them at once,
/// from their threads, so it must then be thread-safe (the library's suggesters are). A seeded suggester must return
/// the same suggestions for the same history, so that a study can be replayed and resumed.
/// </remarks>
public interface ISuggester
{
    /// <summary>Suggests <paramref name="count"/> new points of the space.</summary>
    /// <param name="context">The space, the metrics and every trial so far; running trials are pending.</param>
    /// <param name="count">How many suggestions to return; at least 1.</param>
    /// <returns>Exactly <paramref name="count"/> assignments of <see cref="SuggestionContext.Space"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is zero or negative.</exception>
    /// <exception cref="SearchSpaceExhaustedException">The suggester has no new point left to offer (a finished grid).</exception>
    IReadOnlyList<ParameterValues> Suggest(SuggestionContext context, int count);
}
