namespace Tuning;

/// <summary>A suggester that fits a model, and can tell how its last suggestion went (for <see cref="StudyListener.OnModelFitted"/>).</summary>
internal interface IModelBasedSuggester
{
    /// <summary>Gets how the last call to <see cref="ISuggester.Suggest"/> used its model, or null if it did not (a start-up design point).</summary>
    ModelFit? LastModelFit { get; }
}
