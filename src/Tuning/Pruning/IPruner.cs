namespace Tuning;

/// <summary>
/// Decides whether a running trial should stop early, from its intermediate values (<see cref="Trial.Reports"/>)
/// and those of the other trials. A study consults it in <see cref="Study.ShouldPrune"/>.
/// </summary>
public interface IPruner
{
    /// <summary>Decides whether <paramref name="trial"/> should be pruned now.</summary>
    /// <param name="trial">A running trial with at least one report.</param>
    /// <param name="trials">Every trial of the study, in id order, <paramref name="trial"/> included.</param>
    /// <returns><see langword="true"/> to stop the trial.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="trial"/> or <paramref name="trials"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="trials"/> contains <see langword="null"/>.</exception>
    bool ShouldPrune(Trial trial, IReadOnlyList<Trial> trials);
}
