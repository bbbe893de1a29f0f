namespace Tuning;

/// <summary>
/// A suggester that works only with some studies (a space with a fidelity, one objective): a study that could never ask
/// it refuses it when created or opened, before anything is written, instead of at the first ask.
/// </summary>
internal interface IStudyRequirements
{
    /// <summary>Why the suggester cannot serve a study of this space and these metrics, or null if it can.</summary>
    /// <param name="space">The study's space.</param>
    /// <param name="metrics">The study's metrics.</param>
    string? Refusal(SearchSpace space, IReadOnlyList<Metric> metrics);
}
