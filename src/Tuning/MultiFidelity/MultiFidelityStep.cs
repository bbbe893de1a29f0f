using Tuning.Bayesian;

namespace Tuning.MultiFidelity;

/// <summary>
/// One ask of the <see cref="MultiFidelitySuggester"/>: the model fitted to the history with the pending points
/// appended, from which <see cref="Next"/> picks (x, fidelity) pairs one at a time.
/// </summary>
internal sealed class MultiFidelityStep
{
    private const int Anchors = 5;

    private readonly FeatureMap _map;
    private readonly FidelityAxis _axis;
    private readonly FeatureMap _augmentedMap;
    private readonly MultiFidelityModel _model;
    private readonly double _incumbent;
    private readonly MultiFidelityOptions _options;
    private readonly HashSet<double[]> _taken;        // augmented canonical points tried or pending
    private readonly HashSet<double[]> _takenAtTarget; // canonical x tried or pending at the target
    private readonly List<double[]> _anchors;         // canonical x of the best configurations
    private readonly double[] _features;

    private MultiFidelityStep(
        FeatureMap map, FidelityAxis axis, FeatureMap augmentedMap, MultiFidelityModel model, double incumbent,
        MultiFidelityOptions options, List<double[]> anchors)
    {
        _map = map;
        _axis = axis;
        _augmentedMap = augmentedMap;
        _model = model;
        _incumbent = incumbent;
        _options = options;
        _anchors = anchors;
        _taken = new HashSet<double[]>(PointComparer.Instance);
        _takenAtTarget = new HashSet<double[]>(PointComparer.Instance);
        _features = new double[map.Columns];
    }

    /// <summary>Fits the model to the history; null if there is too little to model.</summary>
    public static MultiFidelityStep? Prepare(
        SuggestionContext context, FeatureMap map, FidelityAxis axis, FeatureMap augmentedMap, MultiFidelityOptions options,
        ref double[]? warmStart, Random random)
    {
        FidelityObservations data = FidelityObservations.From(context, map, axis, options.PrunedTrialsAtLastStep);
        if (data.Count < 2)
        {
            return null;
        }

        double[] y = OutputTransform.Apply(data.Values, options.OutputWarping);
        (MultiFidelityModel? model, double[] theta) = MultiFidelityFitter.Fit(
            map, axis.NewKernel(), data.Features, data.Coordinates, y, options.WarmStart ? warmStart : null, options, random);
        if (model is null)
        {
            return null;
        }

        warmStart = theta;

        // The incumbent is the best posterior mean at the target among the configurations tried (at any fidelity).
        int n = data.Count;
        double[] means = new double[n], variances = new double[n];
        model.PredictMany(data.Features, n, default, means, variances, default, default, new MultiFidelityModel.BatchBuffers());
        int[] order = [.. Enumerable.Range(0, n).OrderBy(i => means[i])];
        var anchors = new List<double[]>();
        var seen = new HashSet<double[]>(PointComparer.Instance);
        foreach (int i in order)
        {
            if (anchors.Count < Anchors && seen.Add(data.Points[i]))
            {
                anchors.Add(data.Points[i]);
            }
        }

        var step = new MultiFidelityStep(map, axis, augmentedMap, model, means[order[0]], options, anchors);
        foreach ((double[] point, double raw) in data.Tried)
        {
            step.MarkTaken(point, raw);
        }

        foreach ((double[] point, double raw) in data.Pending)
        {
            step.AddPending(point, raw);
        }

        return step;
    }

    /// <summary>
    /// The next (canonical x, raw fidelity) to evaluate: by the cost-aware acquisition, or at the target fidelity by
    /// LogEI when <paramref name="targetOnly"/>; null if every candidate was taken.
    /// </summary>
    public (double[] Point, double Raw)? Next(Random random, bool targetOnly)
    {
        if (targetOnly)
        {
            var acquisition = new TargetImprovement(_model, _incumbent, _map.Columns);
            var optimizer = new AcquisitionOptimizer(_map, _options.Candidates, _options.LocalSearches);
            double[]? x = optimizer.Maximize(acquisition, random, _anchors, _takenAtTarget);
            return x is null ? null : (x, _axis.Declaration.TargetRaw);
        }

        var costAware = new CostAwareImprovement(_model, _axis, _incumbent, _map.Columns);
        var augmented = new AcquisitionOptimizer(_augmentedMap, _options.Candidates, _options.LocalSearches);
        double targetUnit = _axis.UnitOfRaw(_axis.Declaration.TargetRaw);
        List<double[]> anchors = [.. _anchors.Select(a => (double[])[.. a, targetUnit])];
        double[]? point = augmented.Maximize(costAware, random, anchors, _taken);
        if (point is null)
        {
            return null;
        }

        return (point[..^1], _axis.RawOfUnit(point[^1]));
    }

    /// <summary>Adds a pending evaluation to the model at its predicted mean (the kriging believer).</summary>
    public void AddPending(double[] canonical, double raw)
    {
        MarkTaken(canonical, raw);
        _map.Map(canonical, _features);
        double s = _axis.Coordinate(raw);
        JointPrediction p = _model.PredictJoint(_features, s, null);
        _model.Append(_features, s, p.Mean);
    }

    private void MarkTaken(double[] canonical, double raw)
    {
        _taken.Add([.. canonical, _axis.UnitOfRaw(raw)]);
        if (raw == _axis.Declaration.TargetRaw)
        {
            _takenAtTarget.Add(canonical);
        }
    }
}
