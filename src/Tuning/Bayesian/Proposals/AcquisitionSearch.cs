using Tuning.Bayesian.Acquisitions;
using Tuning.Bayesian.Models;
using Tuning.Bayesian.Optimizers;

namespace Tuning.Bayesian.Proposals;

/// <summary>
/// Where a proposal looks for its next point: the acquisition optimizer over the feature map, the points its local
/// searches start from (anchors), and the points already taken (tried, pending, or proposed earlier in the batch),
/// which it never proposes again.
/// </summary>
internal sealed class AcquisitionSearch(FeatureMap map, AcquisitionOptimizer optimizer, IEnumerable<double[]> taken, List<double[]> anchors)
{
    private readonly HashSet<double[]> _taken = new(taken, PointComparer.Instance);
    private readonly double[] _features = new double[map.Columns];

    /// <summary>Gets the space searched.</summary>
    public SearchSpace Space => map.Space;

    /// <summary>Gets the number of feature columns.</summary>
    public int Columns => map.Columns;

    /// <summary>
    /// The point not yet taken that maximizes the acquisition (within <paramref name="box"/> if one is given), or null
    /// if every candidate was taken.
    /// </summary>
    public Candidate? Next(IAcquisition acquisition, Random random, SearchBox? box = null) =>
        optimizer.Maximize(acquisition, random, anchors, _taken, box) is double[] point ? new Candidate(point) : null;

    /// <summary>Gets the best point among the anchors, or null if there are none.</summary>
    public double[]? BestAnchor => anchors.Count > 0 ? anchors[0] : null;

    /// <summary>Marks a point as taken.</summary>
    public void Take(double[] canonical) => _taken.Add(canonical);

    /// <summary>The features of a point, in a buffer that the next call overwrites.</summary>
    public double[] Features(double[] canonical)
    {
        map.Map(canonical, _features);
        return _features;
    }
}
