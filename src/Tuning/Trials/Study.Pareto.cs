using System.Globalization;

namespace Tuning;

public sealed partial class Study
{
    /// <summary>
    /// Gets the hypervolume of the <see cref="ParetoFront"/>: the area of the region of objective values that some front
    /// trial dominates and that dominates the reference point (with one objective, the length from the best value to the
    /// reference). The larger, the better the front; it is the usual single number to compare multi-objective runs by.
    /// </summary>
    /// <param name="referencePoint">
    /// The reference point, one value per objective in the order of <see cref="Objectives"/> and in the metrics' own
    /// units: for a minimized metric an upper bound, for a maximized one a lower bound of the values worth having. The
    /// default, <see langword="null"/>, infers it from the front by <see cref="InferReferencePoint"/>. Front trials that are
    /// not strictly better than the reference point in every objective add nothing.
    /// </param>
    /// <returns>The hypervolume, positive.</returns>
    /// <exception cref="InvalidOperationException">No completed trial meets every constraint yet, so there is no front.</exception>
    /// <exception cref="ArgumentException">
    /// The reference point does not have one finite value per objective, or no front trial is strictly better than it in
    /// every objective (its hypervolume would be 0).
    /// </exception>
    /// <example>
    /// <code>
    /// // accuracy (maximized) and latency_ms (minimized): the area above accuracy 0.8 and below latency 50 ms the front covers
    /// double hv = study.Hypervolume([0.8, 50]);
    /// </code>
    /// </example>
    public double Hypervolume(IReadOnlyList<double>? referencePoint = null)
    {
        double[][] front = OrientedFront();
        double[] reference;
        if (referencePoint is null)
        {
            reference = Pareto.InferReference(front);
        }
        else
        {
            if (referencePoint.Count != Objectives.Count || referencePoint.Any(v => !double.IsFinite(v)))
            {
                throw new ArgumentException(
                    $"The reference point needs one finite value per objective ({string.Join(", ", Objectives.Select(m => m.Name))}); it has [{Format(referencePoint)}].",
                    nameof(referencePoint));
            }

            reference = [.. referencePoint.Select((v, j) => Orient(Objectives[j], v))];
            if (!front.Any(p => Pareto.IsBetterThan(p, reference)))
            {
                string wanted = string.Join(" and ", Objectives.Select((m, j) => $"{m.Name} {(m.Kind == MetricKind.Minimize ? "below" : "above")} {referencePoint[j].ToString("G6", CultureInfo.InvariantCulture)}"));
                throw new ArgumentException(
                    $"No trial on the Pareto front is better than the reference point [{Format(referencePoint)}] in every objective (that is, {wanted}), so its hypervolume is 0. Choose a reference point the front dominates, or pass null to infer one.",
                    nameof(referencePoint));
            }
        }

        return Pareto.Hypervolume(front, reference);
    }

    /// <summary>
    /// Infers a reference point for <see cref="Hypervolume"/> from the <see cref="ParetoFront"/>, as BoTorch's
    /// <c>infer_reference_point</c> does: the front's nadir (its worst value in each objective) moved a further 10% of
    /// the front's range in that objective toward worse values. With a single front trial, the step is 10% of its value's
    /// magnitude instead; a step is never below 1e-7 (times the nadir's magnitude when that exceeds 1). Every front trial is
    /// then strictly better than the reference point.
    /// </summary>
    /// <returns>The reference point, one value per objective in the order of <see cref="Objectives"/>, in the metrics' units.</returns>
    /// <exception cref="InvalidOperationException">No completed trial meets every constraint yet, so there is no front.</exception>
    /// <remarks>
    /// The inferred point moves as the front grows, so hypervolumes with inferred reference points are comparable only
    /// within one front; to compare runs or track progress, fix a reference point.
    /// </remarks>
    public IReadOnlyList<double> InferReferencePoint()
    {
        double[] reference = Pareto.InferReference(OrientedFront());
        return [.. reference.Select((v, j) => Orient(Objectives[j], v))];
    }

    /// <summary>A value oriented so that smaller is better (negated for a maximized metric); its own inverse.</summary>
    private static double Orient(Metric objective, double value) => objective.Kind == MetricKind.Maximize ? -value : value;

    private static string Format(IEnumerable<double> values) =>
        string.Join(", ", values.Select(v => v.ToString("G6", CultureInfo.InvariantCulture)));

    private double[][] OrientedFront()
    {
        IReadOnlyList<Trial> front = ParetoFront;
        if (front.Count == 0)
        {
            throw new InvalidOperationException("No completed trial meets every constraint yet, so there is no Pareto front to measure.");
        }

        return [.. front.Select(t => Objectives.Select(m => Orient(m, t.Values[m.Name])).ToArray())];
    }
}
