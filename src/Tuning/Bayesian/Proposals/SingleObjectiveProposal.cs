using Tuning.Bayesian.Acquisitions;
using Tuning.Bayesian.Kernels;
using Tuning.Bayesian.Models;
using Tuning.Bayesian.Optimizers;

namespace Tuning.Bayesian.Proposals;

/// <summary>
/// One ask of the <see cref="GaussianProcessSuggester"/> in a study with one objective: the objective's and the
/// constraints' models fitted to the history, the pending points, and the incumbent, from which <see cref="Next"/>
/// proposes points one at a time by constrained LogEI.
/// </summary>
/// <remarks>
/// <para>
/// The incumbent is the best posterior mean of the objective among the feasible observed points, not their best
/// observed value: noise makes the best observation an optimistic estimate, and improving on a lucky draw is not
/// improving (the noisy-incumbent rule of BoTorch's noisy EI and of Optuna's GP sampler). On noise-free data the two
/// agree.
/// </para>
/// <para>
/// A pending point (a running trial, or an earlier point of this batch) joins the models at its predicted mean (the
/// kriging believer, Ginsbourger et al. 2010), and, if its predicted constraint values are feasible, the incumbent
/// too: a believed value is treated as observed. Otherwise a point predicted better than the incumbent would keep
/// its expected improvement however certain the model became, and a batch would propose it again and again.
/// Averaging LogEI over sampled outcomes of the pending points instead (the greedy step of Monte Carlo qEI) was
/// measured against it and not kept (<c>benchmarks/Tuning.Quality/results.md</c>, "Batch slots").
/// </para>
/// <para>
/// The second point of a batch (an ask of two or more) is the minimizer of the posterior mean, a pure exploitation
/// step (De Ath, Everson, Rahat, Fieldsend: "Greed is Good: Exploration and Exploitation Trade-offs in Bayesian
/// Optimisation", ACM TELO 2021). Each believed point lowers the variance and the incumbent around it, so LogEI's
/// later points move away from the best region, and a batch refines that region with one point at most: with fewer
/// rounds than a sequential study has steps, the result ends less precise. The mean's minimizer refines it in every
/// round. The believer leaves the mean unchanged, so the other points are LogEI's as before, and a sequential ask
/// (one point) is unchanged. Measured in <c>benchmarks/Tuning.Quality/results.md</c>, "An exploitation slot". With
/// constraints every point stays constrained LogEI's: the lowest mean among points the constraint models expect to be
/// feasible helped where the optimum lies inside the feasible region and hurt where it lies on a boundary
/// (<c>benchmarks/Tuning.Quality/results-constrained.md</c>).
/// </para>
/// <para>
/// The later half of a batch of three or more (<see cref="BatchSlot.IsInLaterHalf"/>: the last two points of four, the
/// last four of eight) maximizes LogEI within a trust region around the mean's minimizer (around the best feasible
/// posterior mean with constraints), a box shaped by the model's lengthscales as TuRBO's is (Eriksson et al., NeurIPS
/// 2019; <see cref="SearchBox.TrustRegion"/>, half-width 0.4 along an average lengthscale). The believer makes LogEI's
/// later points ever more exploratory, so a large batch spent them away from the best region; in the box they refine
/// it around the exploiting point and show the model its local shape, which the next round builds on. Measured in
/// <c>benchmarks/Tuning.Quality/results.md</c>, "Trust-region points in batches".
/// </para>
/// </remarks>
internal sealed class SingleObjectiveProposal : IProposal
{
    private const int Anchors = 5;

    /// <summary>
    /// The trust region's half-width along a parameter of average lengthscale, in unit coordinates (TuRBO's initial
    /// side of 0.8).
    /// </summary>
    private const double TrustRegionHalfWidth = 0.4;

    /// <summary>How many nats per observation a later warping candidate must gain over the first to be chosen.</summary>
    private const double AlternativeWarpingMargin = 1.0;

    private readonly AcquisitionSearch _search;
    private readonly GaussianProcess? _objective;
    private double _incumbent;
    private double[]? _exploited;
    private readonly List<ConstraintModel> _constraints;

    private SingleObjectiveProposal(AcquisitionSearch search, GaussianProcess? objective, double incumbent, List<ConstraintModel> constraints)
    {
        _search = search;
        _objective = objective;
        _incumbent = incumbent;
        _constraints = constraints;
    }

    /// <summary>Gets the incumbent, in the objective model's units (smaller is better).</summary>
    public double Incumbent => _incumbent;

    /// <summary>Fits the models to the history; null if there is nothing to model yet.</summary>
    public static SingleObjectiveProposal? Prepare(
        SuggestionContext context, FeatureMap map, GaussianProcessOptions options, FitMemory memory,
        AcquisitionOptimizer optimizer)
    {
        TrainingData data = TrainingData.From(context, map);
        var family = new MaternKernelFamily(map);
        string objectiveName = context.Metrics.First(m => m.IsObjective).Name;
        if (data.Count < 2)
        {
            return null;
        }

        // With several candidate warpings, keep the one whose fitted model gives the raw values the highest evidence:
        // the posterior of the warped values plus the log-Jacobian of the warping. An alternative to the first
        // candidate must win by AlternativeWarpingMargin nats per observation (see OutputWarping.PowerTransform).
        GaussianProcess? objective = null;
        double[] y = [];
        double bestScore = double.PositiveInfinity;
        IReadOnlyList<WarpedValues> candidates = OutputTransform.Candidates(data.Objective, options.OutputWarping);
        bool compare = candidates.Count > 1 && memory.ShouldCompareWarpings(data.Count);
        int chosen = 0;
        double[]? borrowed = null;
        for (int k = 0; k < candidates.Count; k++)
        {
            if (!compare && k != Math.Min(memory.Warping ?? 0, candidates.Count - 1))
            {
                continue;
            }

            FitResult fit = GaussianProcessFitter.Update(
                memory, new ModelRole(ModelKind.Objective, objectiveName, k), family, data.Features, candidates[k].Values, data.Keys, options.Settings,
                forceFit: compare, borrowed: borrowed);
            (GaussianProcess? model, double negativeLogPosterior) = (fit.Model, fit.NegativeLogPosterior);
            borrowed ??= fit.Model is null ? null : fit.Theta;
            double score = negativeLogPosterior - candidates[k].LogJacobian + (k * AlternativeWarpingMargin * data.Count);
            if (model is not null && (objective is null || score < bestScore))
            {
                (objective, y, bestScore, chosen) = (model, candidates[k].Values, score, k);
            }
        }

        if (compare)
        {
            memory.RememberWarping(chosen, data.Count);
        }

        if (objective is null)
        {
            return null;
        }

        List<ConstraintModel> constraints = ConstraintModel.FitAll(data, family, memory, options.Settings);

        // The incumbent is the best posterior mean among completed trials that met every constraint.
        int[] feasible = [.. Enumerable.Range(0, data.Count).Where(i => data.Feasible[i])];
        double[] means = PosteriorMeans(objective, data.Features, map.Columns, feasible);
        double incumbent = means.Length > 0 ? means.Min() : double.PositiveInfinity;
        var ranked = new List<(double Value, double[] Point)>();
        for (int k = 0; k < feasible.Length; k++)
        {
            ranked.Add((means[k], data.Points[feasible[k]]));
        }

        var search = new AcquisitionSearch(map, optimizer, data.Taken, [.. ranked.OrderBy(r => r.Value).Take(Anchors).Select(r => r.Point)]);
        var step = new SingleObjectiveProposal(search, double.IsFinite(incumbent) ? objective : null, incumbent, constraints);
        foreach (double[] pending in data.Pending)
        {
            step.AddPending(pending);
        }

        return step;
    }

    /// <inheritdoc />
    public Candidate? Next(Random random, BatchSlot slot)
    {
        IAcquisition acquisition = slot.IsExploiting && _objective is not null && _constraints.Count == 0
            ? new NegativePosteriorMean(_objective, _search.Columns)
            : new ConstrainedLogExpectedImprovement(_objective, _incumbent, _constraints, _search.Columns);
        SearchBox? box = slot.IsInLaterHalf && _objective?.Kernel is MaternKernel kernel && (_exploited ?? _search.BestAnchor) is double[] center
            ? SearchBox.TrustRegion(_search.Space, center, kernel.Lengthscales, TrustRegionHalfWidth)
            : null;
        // A small discrete space can have every value in the box tried already; the whole space may still hold some.
        Candidate? next = _search.Next(acquisition, random, box) ?? (box is null ? null : _search.Next(acquisition, random));
        if (slot.IsExploiting && acquisition is NegativePosteriorMean && next is Candidate exploited)
        {
            _exploited = exploited.Point;
        }

        return next;
    }

    /// <inheritdoc />
    public void AddPending(Candidate candidate) => AddPending(candidate.Point);

    /// <summary>Adds a pending point to every model at its predicted mean (the kriging believer).</summary>
    private void AddPending(double[] canonical)
    {
        _search.Take(canonical);
        double[] features = _search.Features(canonical);
        bool feasible = ConstraintModel.AppendPredicted(_constraints, features);
        if (_objective is not null)
        {
            (double mean, _) = _objective.Predict(features, default, default);
            _objective.Append(features, mean);
            if (feasible)
            {
                _incumbent = Math.Min(_incumbent, mean);
            }
        }
    }

    /// <summary>The objective model's posterior means at the given rows of the features (n×f).</summary>
    private static double[] PosteriorMeans(GaussianProcess model, double[] features, int f, int[] rows)
    {
        int m = rows.Length;
        double[] points = new double[m * f], means = new double[m];
        for (int k = 0; k < m; k++)
        {
            features.AsSpan(rows[k] * f, f).CopyTo(points.AsSpan(k * f, f));
        }

        if (m > 0)
        {
            model.PredictMeans(points, m, means, new double[model.Count * m]);
        }

        return means;
    }
}
