using Tuning.Bayesian.Acquisitions;
using Tuning.Bayesian.Kernels;
using Tuning.Bayesian.Models;
using Tuning.Bayesian.Optimizers;

namespace Tuning.Bayesian.Proposals;

/// <summary>
/// BOHB-style use of pruned trials for the <see cref="GaussianProcessSuggester"/>
/// (<see cref="GaussianProcessOptions.UsePrunedTrials"/>): every finished trial is one observation at the furthest step
/// it reached, modelled by the multi-fidelity GP over (x, step) with the step as the fidelity, and the suggestion
/// maximizes LogEI of that model at the largest step that enough trials reached.
/// </summary>
/// <remarks>
/// <para>
/// BOHB (Falkner, Klein and Hutter, ICML 2018) fits its model on the largest budget with enough observations, so that
/// the many trials Hyperband stops early still inform where to look. Here a single GP sees all of them: a completed trial
/// at the full step count T (the largest last step among completed trials, as the Hyperband pruner estimates it, or
/// while none has completed the largest step reported), a
/// pruned trial at its last report's step with that report's value, a failed trial at T with the worst value. The step
/// enters as the coordinate u = log(1 + step) / log(1 + T) of the exponential-decay kernel
/// (<see cref="ExponentialDecayFidelityKernel"/>), which learns how much a value after a few steps says about the final one.
/// </para>
/// <para>
/// As BOHB, the acquisition works at the largest step that at least d + 2 trials reached (d parameters): early on, the
/// step of the first rung, where there is data to tell good from bad, later the full step count. Maximizing LogEI at
/// the full count while nearly every trial is stopped at the first rung would chase the uncertainty of regions whose
/// final values the pruner never lets the model see.
/// </para>
/// <para>
/// The second point of a batch, and the ask of a parallel worker that takes its role (<see cref="BatchSlot.IsExploiting"/>),
/// minimizes the model's posterior mean at that step instead, as the one-objective proposal's does: with four workers
/// under Hyperband it halved the final regret on simulated learning curves and kept the real MLP's level
/// (<c>benchmarks/Tuning.Quality/results-fidelity.md</c>, "Parallel workers under Hyperband").
/// </para>
/// <para>
/// It applies to studies with one objective and no constraint metric, once a pruned trial has reports. In a space with a
/// declared fidelity the GP suggester sees only the trials at the target fidelity, so the steps are those of runs at
/// the target.
/// </para>
/// </remarks>
internal sealed class PrunedTrialsProposal : IProposal
{
    private const int Anchors = 5;

    private readonly GaussianProcess _model;
    private readonly AcquisitionSearch _search;
    private readonly double _level;
    private double _incumbent;

    private PrunedTrialsProposal(GaussianProcess model, AcquisitionSearch search, double incumbent, double level)
    {
        _model = model;
        _search = search;
        _incumbent = incumbent;
        _level = level;
    }

    /// <summary>Gets the model over (x, step).</summary>
    internal GaussianProcess Model => _model;

    /// <summary>Gets the step coordinate the acquisition works at.</summary>
    internal double Level => _level;

    /// <summary>Gets whether the study's history calls for the pruned-trial model.</summary>
    public static bool Applies(SuggestionContext context) =>
        context.Metrics.Count(m => m.IsObjective) == 1
        && context.Metrics.All(m => m.Kind != MetricKind.Constraint)
        && context.Trials.Any(t => t.IsPrunedWithReports);

    /// <summary>Fits the model over (parameters, step) to the history; null if it cannot be fitted.</summary>
    public static PrunedTrialsProposal? Prepare(
        SuggestionContext context, FeatureMap map, GaussianProcessOptions gp, FitMemory memory, AcquisitionOptimizer optimizer)
    {
        SearchSpace space = context.Space;
        Metric objective = context.Metrics.Single(m => m.IsObjective);
        double Oriented(double v) => StudyRules.Orient(objective, v);
        long full = context.Trials.Where(t => t.State == TrialState.Completed && t.Reports.Count > 0).Select(t => t.Reports[^1].Step).DefaultIfEmpty(0).Max();
        if (full <= 0)
        {
            full = context.Trials.SelectMany(t => t.Reports).Select(r => r.Step).DefaultIfEmpty(1).Max();
        }

        // In double arithmetic, since 1 + long.MaxValue overflows a long; a history whose every report is at step 0 has a
        // full run of one step, not zero (which would make every coordinate 0/0).
        full = Math.Max(full, 1);
        double Unit(long step) => Math.Clamp(Math.Log(1.0 + Math.Max(step, 0)) / Math.Log(1.0 + full), 0, 1);

        var rows = new List<(Trial Trial, long Step, double? Value)>();
        foreach (Trial t in context.Trials)
        {
            switch (t.State)
            {
                case TrialState.Completed:
                    rows.Add((t, Math.Max(full, t.Reports.Count > 0 ? t.Reports[^1].Step : full), Oriented(t.Values[objective.Name])));
                    break;
                case TrialState.Pruned when t.Reports.Count > 0:
                    rows.Add((t, t.Reports[^1].Step, Oriented(t.Reports[^1].Value)));
                    break;
                case TrialState.Failed:
                    rows.Add((t, full, null));
                    break;
            }
        }

        // BOHB's choice of budget: the largest step that at least d + 2 trials reached; the acquisition works there.
        long level = rows.Select(r => r.Step).Distinct().OrderDescending()
            .FirstOrDefault(step => rows.Count(r => r.Step >= step) >= space.Count + 2, rows.Min(r => r.Step));

        double worst = StudyRules.ImputeFailed([.. rows.Where(r => r.Value is not null).Select(r => r.Value!.Value)]);
        int n = rows.Count, f = map.Columns;
        double[] x = new double[n * f], u = new double[n], values = new double[n];
        double[][] points = new double[n][];
        for (int i = 0; i < n; i++)
        {
            points[i] = space.Encode(rows[i].Trial.Parameters);
            map.Map(points[i], x.AsSpan(i * f, f));
            u[i] = Unit(rows[i].Step);
            values[i] = rows[i].Value ?? worst;
        }

        double[] y = OutputTransform.Apply(values, gp.OutputWarping);
        FitResult fit = GaussianProcessFitter.Update(
            memory, new ModelRole(ModelKind.PrunedTrials, objective.Name), new FidelityKernelFamily(map, new ExponentialDecayFidelityKernel()),
            FidelityRows.Each(x, u, f), y, keys: null, gp.Settings);
        if (fit.Model is not GaussianProcess model)
        {
            return null;
        }

        double uLevel = Unit(level);
        double[] means = new double[n];
        model.PredictMeans(FidelityRows.AtLevel(x, n, f, uLevel), n, means, new double[model.Count * n]);
        List<double[]> anchors = [.. Enumerable.Range(0, n).OrderBy(i => means[i]).Select(i => points[i]).Distinct(PointComparer.Instance).Take(Anchors)];
        var search = new AcquisitionSearch(map, optimizer, context.Trials.Select(t => space.Encode(t.Parameters)), anchors);
        var proposal = new PrunedTrialsProposal(model, search, means.Min(), uLevel);

        // Running trials are pending, at their predicted mean (the kriging believer). So are, in effect, trials the pruner
        // stopped before the acquisition's step: their value there is never observed, and the pruner judged them not
        // among the best, so they stand in at no better than the incumbent. At their predicted mean instead, a region the
        // model likes would keep its expected improvement however often it was tried and pruned, and the acquisition
        // would return there again and again.
        foreach (Trial t in context.Trials.Where(t => t.State == TrialState.Running || (t.IsPrunedWithReports && t.Reports[^1].Step < level)))
        {
            proposal.AddToModel(space.Encode(t.Parameters), judged: t.State == TrialState.Pruned);
        }

        return proposal;
    }

    /// <inheritdoc />
    public Candidate? Next(Random random, BatchSlot slot) =>
        _search.Next(slot.IsExploiting ? new NegativePosteriorMean(_model, _search.Columns, _level) : new TargetImprovement(_model, _incumbent, _level), random);

    /// <inheritdoc />
    public void AddPending(Candidate candidate)
    {
        _search.Take(candidate.Point);
        AddToModel(candidate.Point, judged: false);
    }

    /// <summary>Adds a point at the acquisition's step at its predicted mean, or for a point the pruner judged, at no better than the incumbent.</summary>
    private void AddToModel(double[] point, bool judged)
    {
        double[] row = FidelityRows.Row(_search.Features(point), _level);
        (double mean, _) = _model.Predict(row, default, default);
        _model.Append(row, judged ? Math.Max(mean, _incumbent) : mean);
        if (!judged)
        {
            _incumbent = Math.Min(_incumbent, mean); // a believed value counts as observed (see SingleObjectiveProposal)
        }
    }
}
