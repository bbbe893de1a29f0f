namespace Tuning.Cli.Output;

/// <summary>
/// The hypervolume the tool shows beside a Pareto front: the snapshot's own, with the reference point inferred from the
/// same front, so that the trials listed and the figure describe one read of the study. A hypervolume beyond the largest
/// double (objective values near it) is not a number to show, and is said so instead of ending the command.
/// </summary>
/// <param name="Reference">The reference point, inferred from the front, in the metrics' units.</param>
/// <param name="Hypervolume">The hypervolume, or <see langword="null"/> when it cannot be given as a double.</param>
/// <param name="Why">Why there is no hypervolume, or <see langword="null"/>.</param>
internal sealed record FrontMeasure(IReadOnlyList<double> Reference, double? Hypervolume, string? Why)
{
    /// <summary>Measures the snapshot's front, which must not be empty.</summary>
    public static FrontMeasure Of(StudySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        IReadOnlyList<double> reference = snapshot.InferReferencePoint();
        try
        {
            return new FrontMeasure(reference, snapshot.Hypervolume(), null);
        }
        catch (OverflowException e)
        {
            return new FrontMeasure(reference, null, e.Message);
        }
    }
}
