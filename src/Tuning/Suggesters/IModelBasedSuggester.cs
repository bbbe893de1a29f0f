namespace Tuning;

/// <summary>A suggester that fits a model, and can tell how a suggestion went (for <see cref="StudyListener.OnModelFitted"/>).</summary>
internal interface IModelBasedSuggester
{
    /// <summary>Gets how the last call to <see cref="ISuggester.Suggest"/> used its model, or null if it did not (a start-up design point).</summary>
    ModelFit? LastModelFit { get; }

    /// <summary>
    /// Suggests as <see cref="ISuggester.Suggest"/> does, and tells how this very suggestion used its model (null for a
    /// start-up design point), taken under the suggester's lock: a suggester shared by studies that ask at once may serve
    /// another study's ask before <see cref="LastModelFit"/> could be read.
    /// </summary>
    IReadOnlyList<ParameterValues> Suggest(SuggestionContext context, int count, out ModelFit? fit);
}
