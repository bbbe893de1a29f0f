using Tuning.Bayesian.Acquisitions;
using Tuning.Bayesian.Kernels;
using Tuning.Bayesian.Models;
using Tuning.Bayesian.Optimizers;

namespace Tuning.Bayesian.Proposals;

/// <summary>
/// One ask of the <see cref="MultiFidelitySuggester"/>: the model over (x, fidelity) fitted to the history with the
/// pending points appended, and the cost spent so far, from which <see cref="Next"/> proposes (x, fidelity) pairs one
/// at a time.
/// </summary>
/// <remarks>
/// Whenever less than <see cref="MultiFidelityOptions.ConfirmationShare"/> of the cost so far went to the target, or
/// the budget's last share is reached, the next candidate is at the target (a confirmation); the cost of every
/// pending candidate counts as spent.
/// </remarks>
internal sealed class MultiFidelityProposal : IProposal
{
    private const int Anchors = 5;

    private readonly FeatureMap _map;
    private readonly FidelityAxis _axis;
    private readonly GaussianProcess _model;
    private readonly FidelityChoice _choice;
    private double _incumbent;
    private readonly MultiFidelityOptions _options;
    private readonly Dictionary<double[], HashSet<FidelityLevel>> _tried;   // canonical x → fidelities tried or pending
    private readonly HashSet<double[]> _triedAtTarget;
    private readonly List<double[]> _anchors;
    private readonly double[] _features;
    private double _spent, _spentAtTarget;

    /// <summary>Gets the incumbent LogEI at the target improves on, in the model's units (smaller is better).</summary>
    public double Incumbent => _incumbent;

    /// <summary>Gets the number of observations at the target fidelity the model was fitted to.</summary>
    public int TargetObservations { get; private init; }

    /// <summary>
    /// Gets how well the model ranks its own target observations, each predicted leave-one-out from all the other
    /// observations (cheap ones included): Kendall's τ between those predictions and the observed values.
    /// </summary>
    public double TargetRanking { get; private init; }

    private MultiFidelityProposal(FeatureMap map, FidelityAxis axis, GaussianProcess model, double incumbent, MultiFidelityOptions options, List<double[]> anchors)
    {
        _map = map;
        _axis = axis;
        _model = model;
        _choice = new FidelityChoice(model, axis);
        _incumbent = incumbent;
        _options = options;
        _anchors = anchors;
        _tried = new Dictionary<double[], HashSet<FidelityLevel>>(PointComparer.Instance);
        _triedAtTarget = new HashSet<double[]>(PointComparer.Instance);
        _features = new double[map.Columns];
    }

    /// <summary>Fits the model to the history; null if there is too little to model.</summary>
    public static MultiFidelityProposal? Prepare(
        SuggestionContext context, FeatureMap map, FidelityAxis axis, MultiFidelityOptions options, FitMemory memory)
    {
        FidelityObservations data = FidelityObservations.From(context, map, axis, options.ReportsAreFidelities);
        if (data.Count < 2)
        {
            return null;
        }

        double[] y = OutputTransform.Apply(data.Values, options.ModelWarping(axis.IsTasks));
        int n = data.Count, f = map.Columns;
        double[] rows = FidelityRows.Each(data.Features, data.Coordinates, f);
        FitResult fit = GaussianProcessFitter.Update(
            memory, new ModelRole(ModelKind.FidelityObjective, context.Metrics.First(m => m.IsObjective).Name),
            new FidelityKernelFamily(map, axis.NewKernel()), rows, y, keys: null, options.Settings);
        if (fit.Model is not GaussianProcess model)
        {
            return null;
        }

        // The incumbent is the best posterior mean at the target among the configurations evaluated there (among all
        // configurations tried while none is); the local searches start from the best configurations tried at any fidelity.
        double[] means = new double[n];
        model.PredictMeans(FidelityRows.AtLevel(data.Features, n, f, axis.TargetCoordinate), n, means, new double[model.Count * n]);
        List<double[]> anchors = [.. Enumerable.Range(0, n).OrderBy(i => means[i]).Select(i => data.Points[i]).Distinct(PointComparer.Instance).Take(Anchors)];
        int[] targetRows = [.. Enumerable.Range(0, n).Where(i => data.Levels[i] == axis.Declaration.Target)];
        double incumbent = targetRows.Length > 0 ? targetRows.Min(i => means[i]) : means.Min();
        var step = new MultiFidelityProposal(map, axis, model, incumbent, options, anchors)
        {
            TargetObservations = targetRows.Length,
            TargetRanking = LeaveOneOutRanking(fit, rows, y, targetRows),
            _spent = CostLedger.Spent(context.Trials, options.ReportsAreFidelities),
            _spentAtTarget = CostLedger.Spent(context.Trials.Where(t => t.IsAtTargetFidelity), options.ReportsAreFidelities),
        };
        foreach ((double[] point, FidelityLevel raw) in data.Tried)
        {
            step.MarkTried(point, raw);
        }

        for (int i = 0; i < n; i++)
        {
            step.MarkTried(data.Points[i], data.Levels[i]);
        }

        foreach ((double[] point, FidelityLevel raw) in data.Pending)
        {
            step.AddToModel(point, raw);
        }

        return step;
    }

    /// <summary>
    /// Kendall's τ between a fitted model's out-of-sample predictions at the given rows of its data and their targets
    /// (0 for fewer than two rows): a row the model holds is predicted leave-one-out, a row it was not conditioned on
    /// (above <see cref="ModelSettings.MaxModelPoints"/>) by the model's mean there. Ranks are what a search acts on,
    /// and a monotone warping of the targets leaves them as they are.
    /// </summary>
    /// <param name="fit">The fit, whose <see cref="FitResult.Rows"/> tell which row of the data each model row holds.</param>
    /// <param name="x">The data's rows (n×width), as the model was fitted to them.</param>
    /// <param name="y">The data's targets.</param>
    /// <param name="rows">The rows of the data to rank.</param>
    public static double LeaveOneOutRanking(FitResult fit, double[] x, double[] y, int[] rows)
    {
        if (rows.Length < 2 || fit.Model is not GaussianProcess model)
        {
            return 0;
        }

        double[] means = new double[model.Count], variances = new double[model.Count];
        model.LeaveOneOut(means, variances);
        double[] predicted = new double[y.Length];
        bool[] held = new bool[y.Length];
        for (int i = 0; i < model.Count; i++)
        {
            predicted[fit.DataRow(i)] = means[i];
            held[fit.DataRow(i)] = true;
        }

        int[] outside = [.. rows.Where(i => !held[i]).Distinct()];
        if (outside.Length > 0)
        {
            int width = model.Kernel.Width;
            double[] points = new double[outside.Length * width], outsideMeans = new double[outside.Length];
            for (int k = 0; k < outside.Length; k++)
            {
                x.AsSpan(outside[k] * width, width).CopyTo(points.AsSpan(k * width, width));
            }

            model.PredictMeans(points, outside.Length, outsideMeans, new double[model.Count * outside.Length]);
            for (int k = 0; k < outside.Length; k++)
            {
                predicted[outside[k]] = outsideMeans[k];
            }
        }

        return RankAgreement.Kendall([.. rows.Select(i => predicted[i])], [.. rows.Select(i => y[i])]);
    }

    /// <summary>
    /// The next (x, fidelity) to evaluate, or null if every candidate was taken. The configuration maximizes LogEI at
    /// the target fidelity (<see cref="TargetImprovement"/>) and the fidelity is chosen for it by
    /// <see cref="FidelityChoice"/>. For a confirmation, the fidelity is the target, and the configuration is first
    /// the one the model expects to be best if no target result matches it yet.
    /// </summary>
    public Candidate? Next(Random random, BatchSlot slot) =>
        Propose(random, _spentAtTarget < _options.ConfirmationShare * _spent
            || (_options.Budget is double budget && budget - _spent <= _options.ConfirmationShare * budget)) is (double[] point, FidelityLevel level)
            ? new Candidate(point, level)
            : null;

    /// <inheritdoc />
    public void AddPending(Candidate candidate)
    {
        FidelityLevel raw = candidate.Fidelity ?? _axis.Declaration.Target;
        double cost = _axis.Declaration.Cost(raw);
        _spent += cost;
        _spentAtTarget += raw == _axis.Declaration.Target ? cost : 0;
        AddToModel(candidate.Point, raw);
    }

    private (double[] Point, FidelityLevel Level)? Propose(Random random, bool confirm)
    {
        FidelityLevel target = _axis.Declaration.Target;
        if (confirm && BestUnconfirmed() is double[] unconfirmed)
        {
            return (unconfirmed, target);
        }

        var acquisition = new TargetImprovement(_model, _incumbent, _axis.TargetCoordinate);
        var optimizer = new AcquisitionOptimizer(_map, _options.Candidates, _options.LocalSearches);
        List<(double[] Point, double Value)> optima = optimizer.LocalOptima(acquisition, random, _anchors, _triedAtTarget);
        if (optima.Count == 0)
        {
            return null;
        }

        if (confirm)
        {
            return (optima[0].Point, target);
        }

        // Each local optimum of LogEI at the target, at its own best fidelity, scored by log EI + log ρ² − log cost.
        (double[] Point, FidelityLevel Level) best = (optima[0].Point, target);
        double bestScore = double.NegativeInfinity;
        foreach ((double[] x, double logImprovement) in optima)
        {
            _map.Map(x, _features);
            ISet<FidelityLevel> tried = _tried.TryGetValue(x, out HashSet<FidelityLevel>? set) ? set : new HashSet<FidelityLevel>();
            (FidelityLevel raw, double value) = _choice.Choose(_features, tried) ?? (target, 0);
            if (logImprovement + value > bestScore)
            {
                (best, bestScore) = ((x, raw), logImprovement + value);
            }
        }

        return best;
    }

    /// <summary>Adds a pending evaluation to the model at its predicted mean (the kriging believer).</summary>
    private void AddToModel(double[] canonical, FidelityLevel raw)
    {
        MarkTried(canonical, raw);
        _map.Map(canonical, _features);
        double[] row = FidelityRows.Row(_features, _axis.Coordinate(raw));
        (double mean, _) = _model.Predict(row, default, default);
        _model.Append(row, mean);

        // The configuration is now tried: its believed value at the target counts towards the incumbent, so the next
        // candidate of a batch does not chase the same predicted improvement (within a batch every pending
        // configuration counts, whatever its fidelity; between asks only the target's results do).
        (double target, _) = _model.Predict(FidelityRows.Row(_features, _axis.TargetCoordinate), default, default);
        _incumbent = Math.Min(_incumbent, target);
    }

    /// <summary>
    /// The tried configuration with the best posterior mean at the target that has no target evaluation yet, if that
    /// mean beats every configuration evaluated (or pending) at the target.
    /// </summary>
    private double[]? BestUnconfirmed()
    {
        double bestConfirmed = double.PositiveInfinity, bestUnconfirmed = double.PositiveInfinity;
        double[]? candidate = null;
        foreach (double[] x in _tried.Keys)
        {
            _map.Map(x, _features);
            (double mean, _) = _model.Predict(FidelityRows.Row(_features, _axis.TargetCoordinate), default, default);
            if (_triedAtTarget.Contains(x))
            {
                bestConfirmed = Math.Min(bestConfirmed, mean);
            }
            else if (mean < bestUnconfirmed)
            {
                (bestUnconfirmed, candidate) = (mean, x);
            }
        }

        return bestUnconfirmed < bestConfirmed ? candidate : null;
    }

    private void MarkTried(double[] canonical, FidelityLevel raw)
    {
        if (!_tried.TryGetValue(canonical, out HashSet<FidelityLevel>? set))
        {
            _tried[canonical] = set = [];
        }

        set.Add(raw);
        if (raw == _axis.Declaration.Target)
        {
            _triedAtTarget.Add(canonical);
        }
    }
}
