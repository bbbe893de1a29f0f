using Tuning.Bayesian.Acquisitions;
using Tuning.Bayesian.Kernels;
using Tuning.Bayesian.Models;
using Tuning.Bayesian.Optimizers;

namespace Tuning.Bayesian.Proposals;

/// <summary>
/// One ask of the <see cref="GaussianProcessSuggester"/> for a study with two objectives: a GP per objective and per
/// constraint, the observed feasible front in the models' units with its reference point, and the pending
/// points; <see cref="Next"/> maximizes log EHVI plus log P(feasible).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Each objective is oriented and standardized on its own, linearly (<see cref="OutputTransform.Linear"/>), not
/// warped: a linear map scales every hypervolume by the same factor, so the improvement the acquisition expects is in
/// proportion to the improvement of the user's hypervolume, which a nonlinear warping would distort (on BraninCurrin
/// the single-objective default, a power transform, left a higher hypervolume regret:
/// <c>benchmarks/Tuning.Quality/pareto-results.md</c>). The reference point is
/// <see cref="GaussianProcessOptions.ReferencePoint"/> carried into those units, or else inferred there from every
/// observed feasible result by <see cref="Pareto.InferReference"/> (their worst value plus 10% of their range).
/// Inferring it from the front alone, as BoTorch's rule does for reporting, fails when the front is narrow: a front
/// bunched in one corner puts the reference point next to it, and then nothing along the rest of the front counts as an
/// improvement (on ZDT1 the search stayed in the corner f₁ ≈ 0 for the whole budget).</item>
/// <item>A pending point (a running trial, or an earlier point of this batch) is appended to every model at its predicted
/// mean (the kriging believer), and its predicted objective pair joins the front when its predicted constraint values
/// meet the thresholds; the next point then gains nothing from improving on the same spot.</item>
/// <item>Until a trial meets every constraint there is no front to improve on and, unless a reference point is given,
/// none to infer; the acquisition is then log P(feasible) alone.</item>
/// </list>
/// </remarks>
internal sealed class TwoObjectiveProposal : IProposal
{
    private const int Anchors = 5;

    /// <summary>
    /// How far from the data, in the models' standardized units, a given reference point is taken to lie at most. A
    /// reference point given far beyond the observed values — <see cref="double.MaxValue"/> for an objective without a
    /// threshold, or 1e300 on values near 1e-10 — would overflow to infinity in those units, and log EHVI would then be
    /// +∞ at every candidate, leaving the search nothing to rank by (with a threshold on the other objective, it ignored
    /// that threshold). For the acquisition 1e100 is as far as any farther point: the improvement beyond the front's
    /// ends, which grows with the distance, then outweighs the rest by more than a double resolves, as it would for a
    /// farther point, and every standardized distance (r − μ)/σ stays finite. BoTorch's log EHVI, which works in the
    /// metrics' own units, takes such a point as given for the same reason: its logarithms never overflow.
    /// </summary>
    internal const double FarReference = 1e100;

    private readonly AcquisitionSearch _search;
    private readonly GaussianProcess _first, _second;
    private readonly NonDominatedStrips? _strips;
    private readonly List<ConstraintModel> _constraints;

    private TwoObjectiveProposal(
        AcquisitionSearch search, GaussianProcess first, GaussianProcess second, NonDominatedStrips? strips, List<ConstraintModel> constraints)
    {
        _search = search;
        _first = first;
        _second = second;
        _strips = strips;
        _constraints = constraints;
    }

    /// <summary>Fits the models to the history; null if there is nothing to model yet.</summary>
    public static TwoObjectiveProposal? Prepare(
        SuggestionContext context, FeatureMap map, GaussianProcessOptions options, FitMemory memory, AcquisitionOptimizer optimizer)
    {
        Metric[] objectives = [.. context.Metrics.Where(m => m.IsObjective)];
        TrainingData data = TrainingData.From(context, map);
        var family = new MaternKernelFamily(map);
        if (data.Count < 2)
        {
            return null;
        }

        (double[] y1, Func<double, double> toModel1) = OutputTransform.Linear(data.Objectives[0]);
        (double[] y2, Func<double, double> toModel2) = OutputTransform.Linear(data.Objectives[1]);
        GaussianProcess? first = Fit(new ModelRole(ModelKind.Objective, objectives[0].Name), data.Features, y1, data.Keys);
        GaussianProcess? second = Fit(new ModelRole(ModelKind.Objective, objectives[1].Name), data.Features, y2, data.Keys);
        if (first is null || second is null)
        {
            return null;
        }

        List<ConstraintModel> constraints = ConstraintModel.FitAll(data, family, memory, options.Settings);

        var feasible = new List<(double[] Values, double[] Point)>();
        for (int i = 0; i < data.Count; i++)
        {
            if (data.Feasible[i])
            {
                feasible.Add(([y1[i], y2[i]], data.Points[i]));
            }
        }

        List<int> nonDominated = Pareto.NonDominated([.. feasible.Select(f => f.Values)]);
        double[]? reference = options.ReferencePoint is { } given
            ? [WithinReach(toModel1(StudyRules.Orient(objectives[0], given[0]))), WithinReach(toModel2(StudyRules.Orient(objectives[1], given[1])))]
            : feasible.Count > 0 ? Pareto.InferReference([.. feasible.Select(f => f.Values)]) : null;
        NonDominatedStrips? strips = null;
        if (reference is not null)
        {
            strips = new NonDominatedStrips(reference[0], reference[1]);
            foreach (int i in nonDominated)
            {
                strips.Add(feasible[i].Values[0], feasible[i].Values[1]);
            }
        }

        // Anchors for the local searches: front trials spread along the front (sorted by the first objective).
        List<double[]> ordered = [.. nonDominated.Select(i => feasible[i]).OrderBy(f => f.Values[0]).Select(f => f.Point)];
        List<double[]> anchors = ordered.Count <= Anchors
            ? ordered
            : [.. Enumerable.Range(0, Anchors).Select(k => ordered[k * (ordered.Count - 1) / (Anchors - 1)])];

        var step = new TwoObjectiveProposal(new AcquisitionSearch(map, optimizer, data.Taken, anchors), first, second, strips, constraints);
        foreach (double[] pending in data.Pending)
        {
            step.AddPending(pending);
        }

        return step;

        GaussianProcess? Fit(ModelRole role, double[] x, double[] values, int[] keys) =>
            GaussianProcessFitter.Update(memory, role, family, x, values, keys, options.Settings).Model;
    }

    /// <summary>A given reference point's coordinate in the models' units, no farther than <see cref="FarReference"/>.</summary>
    private static double WithinReach(double reference) => Math.Clamp(reference, -FarReference, FarReference);

    /// <inheritdoc />
    public Candidate? Next(Random random, BatchSlot slot)
    {
        IAcquisition acquisition = _strips is null
            ? new ConstrainedLogExpectedImprovement(null, 0, _constraints, _search.Columns)
            : new LogExpectedHypervolumeImprovement(_first, _second, _strips, _constraints, _search.Columns);
        return _search.Next(acquisition, random);
    }

    /// <inheritdoc />
    public void AddPending(Candidate candidate) => AddPending(candidate.Point);

    private void AddPending(double[] canonical)
    {
        _search.Take(canonical);
        double[] features = _search.Features(canonical);
        (double mean1, _) = _first.Predict(features, default, default);
        (double mean2, _) = _second.Predict(features, default, default);
        _first.Append(features, mean1);
        _second.Append(features, mean2);
        if (ConstraintModel.AppendPredicted(_constraints, features))
        {
            _strips?.Add(mean1, mean2);
        }
    }
}
