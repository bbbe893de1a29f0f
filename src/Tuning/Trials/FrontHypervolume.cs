using System.Globalization;

namespace Tuning;

/// <summary>
/// The hypervolume of a study's Pareto front and its inferred reference point, in the metrics' own units: the study
/// side of <see cref="Pareto"/>, which works on vectors oriented so that smaller is better. It checks a reference point
/// the user gives, orients it and the front, and explains a point the front does not dominate.
/// </summary>
internal static class FrontHypervolume
{
    /// <summary>The hypervolume of <paramref name="front"/> (see <see cref="Study.Hypervolume"/>).</summary>
    public static double Measure(IReadOnlyList<Metric> objectives, IReadOnlyList<Trial> front, IReadOnlyList<double>? referencePoint)
    {
        double[][] points = Oriented(objectives, front);
        if (referencePoint is null)
        {
            double[] inferred = Pareto.InferReference(points);
            return points.Any(p => Pareto.IsBetterThan(p, inferred))
                ? Finite(Pareto.Hypervolume(points, inferred))
                : throw new OverflowException(
                    $"Every trial on the Pareto front reaches the largest double in {string.Join(" or ", objectives.Where((_, j) => points.Any(p => p[j] >= inferred[j])).Select(m => $"'{m.Name}'"))}, so no reference point can lie beyond the front and its hypervolume is not defined. Rescale the metrics.");
        }

        CheckReference(objectives, referencePoint);
        double[] reference = [.. referencePoint.Select((v, j) => StudyRules.Orient(objectives[j], v))];
        if (!points.Any(p => Pareto.IsBetterThan(p, reference)))
        {
            string wanted = string.Join(" and ", objectives.Select((m, j) => $"{m.Name} {(m.Kind == MetricKind.Minimize ? "below" : "above")} {referencePoint[j].ToString("G6", CultureInfo.InvariantCulture)}"));
            throw new ArgumentException(
                $"No trial on the Pareto front is better than the reference point [{Format(referencePoint)}] in every objective (that is, {wanted}), so its hypervolume is 0. Choose a reference point the front dominates, or pass null to infer one.",
                nameof(referencePoint));
        }

        // The area is positive, but the product of two small sides can fall below the smallest double: a 0 would read as
        // a front that covers nothing. (The inferred point lies at least 1e-8 beyond the front, so it never underflows.)
        double volume = Finite(Pareto.Hypervolume(points, reference));
        return volume > 0
            ? volume
            : throw new ArgumentException(
                $"The reference point [{Format(referencePoint)}] lies so near the Pareto front that the hypervolume is below the smallest positive double and would read as 0. Choose a reference point farther from the front, or rescale the metrics.",
                nameof(referencePoint));
    }

    /// <summary>
    /// Refuses a reference point that does not have one finite value per objective. <see cref="Measure"/> checks it too; a
    /// caller checks it first when the front may be empty, so that a malformed point is named before a missing front.
    /// </summary>
    /// <exception cref="ArgumentException">The reference point is not null and is malformed.</exception>
    public static void CheckReference(IReadOnlyList<Metric> objectives, IReadOnlyList<double>? referencePoint)
    {
        if (referencePoint is not null && (referencePoint.Count != objectives.Count || referencePoint.Any(v => !double.IsFinite(v))))
        {
            throw new ArgumentException(
                $"The reference point needs one finite value per objective ({string.Join(", ", objectives.Select(m => m.Name))}); it has [{Format(referencePoint)}].",
                nameof(referencePoint));
        }
    }

    /// <summary>The hypervolume, unless it exceeds the largest double.</summary>
    private static double Finite(double volume) => double.IsFinite(volume)
        ? volume
        : throw new OverflowException(
            "The hypervolume exceeds the largest double: the front and the reference point span too wide a range of objective values. Pass a reference point nearer the front, or rescale the metrics.");

    /// <summary>The reference point inferred from <paramref name="front"/> (see <see cref="Study.InferReferencePoint"/>), in the metrics' units.</summary>
    public static IReadOnlyList<double> InferReference(IReadOnlyList<Metric> objectives, IReadOnlyList<Trial> front)
    {
        double[] reference = Pareto.InferReference(Oriented(objectives, front));
        return [.. reference.Select((v, j) => StudyRules.Orient(objectives[j], v))];
    }

    /// <summary>The front's objective vectors, oriented; the front must not be empty.</summary>
    private static double[][] Oriented(IReadOnlyList<Metric> objectives, IReadOnlyList<Trial> front) =>
        [.. front.Select(t => StudyRules.Oriented(objectives, t.Values))];

    private static string Format(IEnumerable<double> values) =>
        string.Join(", ", values.Select(v => v.ToString("G6", CultureInfo.InvariantCulture)));
}
