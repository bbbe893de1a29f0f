using Tuning.Bayesian.Acquisitions;
using Tuning.Bayesian.Models;
using Tuning.Optimization;

namespace Tuning.Bayesian.Optimizers;

/// <summary>
/// Maximizes an acquisition over a mixed space. Scrambled Sobol candidates (plus perturbations of the best trials) are
/// scored in one batch; the best few seed local searches that alternate L-BFGS-B over the active continuous parameters
/// with a coordinate search over the discrete ones — every value of a small discrete parameter, or a widening
/// neighbourhood of a large one — until neither improves (as Optuna's mixed optimizer does). Discrete values are
/// searched as values, never rounded afterwards, and every point is canonical: what it evaluates is what it suggests.
/// </summary>
internal sealed class AcquisitionOptimizer
{
    private const int ExhaustiveUpTo = 16;
    private const int LocalRounds = 4;

    private const int PerturbationsPerAnchor = 20;

    /// <summary>How many candidates a bounded acquisition scores exactly at a time.</summary>
    private const int ScreeningChunk = 128;

    /// <summary>How many exactly scored candidates beyond the starts the screening keeps, in case some are the same point.</summary>
    private const int ScreeningMargin = 8;

    private readonly SearchSpace _space;
    private readonly FeatureMap _map;
    private readonly int _candidates;
    private readonly int _starts;
    private readonly double[] _raw, _features, _featureGradient, _unit;
    private readonly AcquisitionScratch _scratch = new();
    private double[] _points = [], _candidateFeatures = [], _scores = [], _sobol = [], _bounds = [];
    private int[] _boundOrder = [];
    private int[] _order = [];

    public AcquisitionOptimizer(FeatureMap map, int candidates, int starts)
    {
        _space = map.Space;
        _map = map;
        _candidates = candidates;
        _starts = starts;
        _raw = new double[_space.Count];
        _unit = new double[_space.Count];
        _features = new double[map.Columns];
        _featureGradient = new double[map.Columns];
    }

    /// <summary>Finds the canonical point with the highest acquisition that is not in <paramref name="taken"/>.</summary>
    /// <param name="acquisition">The acquisition.</param>
    /// <param name="random">The random stream of this suggestion.</param>
    /// <param name="anchors">Canonical points to search around (the best trials so far).</param>
    /// <param name="taken">Canonical points already tried or pending, which are not suggested again.</param>
    /// <param name="box">A box to search within; the default, null, searches the whole space.</param>
    /// <returns>The best point found, or null if every candidate was taken.</returns>
    public double[]? Maximize(IAcquisition acquisition, Random random, IReadOnlyList<double[]> anchors, ISet<double[]> taken, SearchBox? box = null)
    {
        List<(double[] Point, double Value)> optima = LocalOptima(acquisition, random, anchors, taken, box);
        return optima.Count > 0 ? optima[0].Point : null;
    }

    /// <summary>
    /// The local optima the searches found (at most one per start), best first, without the points in
    /// <paramref name="taken"/>; if every one was taken, the best candidate not taken, or nothing.
    /// </summary>
    public List<(double[] Point, double Value)> LocalOptima(
        IAcquisition acquisition, Random random, IReadOnlyList<double[]> anchors, ISet<double[]> taken, SearchBox? box = null)
    {
        int d = _space.Count;
        int m = FillCandidates(random, anchors, box);
        Score(acquisition, m);
        for (int j = 0; j < m; j++)
        {
            _order[j] = j;
            _scratch.Keys[j] = double.IsNaN(_scores[j]) ? double.PositiveInfinity : -_scores[j];
        }

        Array.Sort(_scratch.Keys, _order, 0, m);

        var results = new List<(double[] Point, double Value)>(_starts);
        var seeds = new HashSet<double[]>(PointComparer.Instance);
        for (int rank = 0; rank < m && seeds.Count < _starts; rank++)
        {
            double[] point = _points.AsSpan(_order[rank] * d, d).ToArray();
            if (seeds.Add(point))
            {
                double start = _scores[_order[rank]];
                double value = LocalSearch(acquisition, point, start, random, box);
                results.Add((point, value));
            }
        }

        List<(double[] Point, double Value)> optima = [.. results.Where(r => !taken.Contains(r.Point)).DistinctBy(r => r.Point, PointComparer.Instance).OrderByDescending(r => r.Value)];
        if (optima.Count > 0)
        {
            return optima;
        }

        for (int rank = 0; rank < m; rank++)
        {
            double[] point = _points.AsSpan(_order[rank] * d, d).ToArray();
            if (!taken.Contains(point))
            {
                return [(point, _scores[_order[rank]])];
            }
        }

        return [];
    }

    /// <summary>
    /// Writes the acquisition of the m candidates to <c>_scores</c>. For a bounded acquisition
    /// (<see cref="IBoundedAcquisition"/>), only the candidates that could rank among the best <c>_starts</c> (plus a
    /// margin for repeated points) are scored exactly, in order of their bounds, until the next bound falls below the
    /// scores already found; the others score −∞. The best candidates, and so the local searches, are the same as with
    /// every candidate scored.
    /// </summary>
    private void Score(IAcquisition acquisition, int m)
    {
        _scratch.Reserve(m);
        if (_bounds.Length < m)
        {
            _bounds = new double[m];
            _boundOrder = new int[m];
        }

        if (acquisition is not IBoundedAcquisition bounded || !bounded.UpperBounds(_candidateFeatures, m, _bounds, _scratch))
        {
            acquisition.Values(_candidateFeatures, m, _scores, _scratch);
            return;
        }

        int f = _map.Columns;
        for (int j = 0; j < m; j++)
        {
            _boundOrder[j] = j;
            _scratch.Keys[j] = double.IsNaN(_bounds[j]) ? double.NegativeInfinity : -_bounds[j];
            _scores[j] = double.NegativeInfinity;
        }

        Array.Sort(_scratch.Keys, _boundOrder, 0, m);
        int needed = _starts + ScreeningMargin;
        var best = new PriorityQueue<int, double>(needed + 1);   // the best exact scores so far, worst on top
        double[] features = new double[ScreeningChunk * f], values = new double[ScreeningChunk];
        var chunkScratch = new AcquisitionScratch();
        for (int next = 0; next < m;)
        {
            double threshold = best.Count >= needed && best.TryPeek(out _, out double worst) ? worst : double.NegativeInfinity;
            if (_bounds[_boundOrder[next]] < threshold - (1e-12 * (1 + Math.Abs(threshold))))
            {
                break; // no candidate left could rank among the best
            }

            int count = Math.Min(ScreeningChunk, m - next);
            for (int c = 0; c < count; c++)
            {
                _candidateFeatures.AsSpan(_boundOrder[next + c] * f, f).CopyTo(features.AsSpan(c * f, f));
            }

            chunkScratch.Reserve(count);
            acquisition.Values(features, count, values, chunkScratch);
            for (int c = 0; c < count; c++)
            {
                int j = _boundOrder[next + c];
                _scores[j] = double.IsNaN(values[c]) ? double.NegativeInfinity : values[c];
                best.Enqueue(j, _scores[j]);
                if (best.Count > needed)
                {
                    best.Dequeue();
                }
            }

            next += count;
        }
    }

    /// <summary>Writes the canonical candidates (Sobol points, then perturbations of the anchors) and their features; returns their number.</summary>
    private int FillCandidates(Random random, IReadOnlyList<double[]> anchors, SearchBox? box)
    {
        int d = _space.Count, f = _map.Columns;
        int m = _candidates + (anchors.Count * PerturbationsPerAnchor);
        if (_scores.Length < m)
        {
            _points = new double[m * d];
            _candidateFeatures = new double[m * f];
            _scores = new double[m];
            _order = new int[m];
        }

        if (_sobol.Length < _candidates * d)
        {
            _sobol = new double[_candidates * d];
        }

        new SobolSequence(d, random.Next()).Fill(_candidates, _sobol);
        for (int j = 0; j < _candidates; j++)
        {
            _sobol.AsSpan(j * d, d).CopyTo(_unit);
            box?.MapFromCube(_unit);
            AddCandidate(j);
        }

        // Local perturbations of the best trials help the local searches start near the incumbent.
        int next = _candidates;
        foreach (double[] anchor in anchors)
        {
            for (int k = 0; k < PerturbationsPerAnchor; k++)
            {
                double scale = k < PerturbationsPerAnchor / 2 ? 0.02 : 0.1;
                for (int i = 0; i < d; i++)
                {
                    double u = double.IsNaN(anchor[i]) ? random.NextDouble() : anchor[i];
                    _unit[i] = u + (scale * Gaussian(random));
                }

                box?.Clamp(_unit);
                AddCandidate(next++);
            }
        }

        return m;

        void AddCandidate(int j)
        {
            Span<double> point = _points.AsSpan(j * d, d);
            _space.Canonicalize(_unit, _raw, point);
            _map.Map(point, _candidateFeatures.AsSpan(j * f, f));
        }
    }

    private double[] Canonical(ReadOnlySpan<double> unit)
    {
        double[] canonical = new double[_space.Count];
        _space.Canonicalize(unit, _raw, canonical);
        return canonical;
    }

    /// <summary>Improves <paramref name="point"/> in place by alternating continuous and discrete moves.</summary>
    private double LocalSearch(IAcquisition acquisition, double[] point, double value, Random random, SearchBox? box)
    {
        // The continuous search runs to convergence, so it needs to run again only after a discrete move changed the
        // point (and with it, perhaps, which continuous parameters are active).
        for (int round = 0; round < LocalRounds; round++)
        {
            value = Math.Max(value, ContinuousSearch(acquisition, point, value, box));
            bool moved = false;
            for (int p = 0; p < _space.Count; p++)
            {
                if (!_space.Parameters[p].IsDiscrete || double.IsNaN(point[p]))
                {
                    continue;
                }

                double discrete = DiscreteSearch(acquisition, point, p, value, random);
                if (discrete > value + 1e-12)
                {
                    value = discrete;
                    moved = true;
                }
            }

            if (!moved)
            {
                break;
            }
        }

        return value;
    }

    private double ContinuousSearch(IAcquisition acquisition, double[] point, double value, SearchBox? box)
    {
        int[] active = [.. Enumerable.Range(0, _space.Count).Where(p => !_space.Parameters[p].IsDiscrete && !double.IsNaN(point[p]))];
        if (active.Length == 0)
        {
            return value;
        }

        double[] x = [.. active.Select(p => point[p])];
        double[] lower = new double[active.Length], upper = new double[active.Length];
        upper.AsSpan().Fill(1);
        box?.Bound(active, x, lower, upper);
        double[] trial = (double[])point.Clone();
        var lbfgs = new BoundedLbfgs(active.Length);
        (double negative, _) = lbfgs.Minimize(
            (v, g) =>
            {
                for (int k = 0; k < active.Length; k++)
                {
                    trial[active[k]] = v[k];
                }

                _map.Map(trial, _features);
                double a = acquisition.Value(_features, _featureGradient);
                for (int k = 0; k < active.Length; k++)
                {
                    g[k] = -_featureGradient[_map.ColumnOf(active[k])];
                }

                return double.IsFinite(a) ? -a : double.PositiveInfinity;
            },
            x,
            lower,
            upper,
            maxIterations: 40,
            gradientTolerance: 1e-6,
            valueTolerance: 1e-7);

        if (-negative > value)
        {
            for (int k = 0; k < active.Length; k++)
            {
                point[active[k]] = x[k];
            }

            return -negative;
        }

        return value;
    }

    private double DiscreteSearch(IAcquisition acquisition, double[] point, int p, double value, Random random)
    {
        Parameter parameter = _space.Parameters[p];
        long count = parameter.Kind == ParameterKind.Int && parameter.IsLog ? (long)(parameter.High - parameter.Low) + 1 : parameter.Cardinality!.Value;
        long current = IndexOf(parameter, point[p], count);
        var indices = new SortedSet<long>();
        if (count <= ExhaustiveUpTo)
        {
            for (long k = 0; k < count; k++)
            {
                indices.Add(k);
            }
        }
        else
        {
            for (long step = 1; step < count; step *= 2)
            {
                indices.Add(Math.Max(0, current - step));
                indices.Add(Math.Min(count - 1, current + step));
            }

            for (int r = 0; r < 4; r++)
            {
                indices.Add(random.NextInt64(count));
            }
        }

        indices.Remove(current);
        if (indices.Count == 0)
        {
            return value;
        }

        int f = _map.Columns, m = indices.Count;
        var alternatives = new List<double[]>(m);
        double[] features = new double[m * f];
        foreach (long k in indices)
        {
            double[] unit = (double[])point.Clone();
            unit[p] = UnitOf(parameter, k, count);
            double[] canonical = Canonical(unit);
            _map.Map(canonical, features.AsSpan(alternatives.Count * f, f));
            alternatives.Add(canonical);
        }

        double[] scores = new double[m];
        _scratch.Reserve(m);
        acquisition.Values(features, m, scores, _scratch);
        int best = -1;
        for (int j = 0; j < m; j++)
        {
            if (scores[j] > value + 1e-12)
            {
                value = scores[j];
                best = j;
            }
        }

        if (best >= 0)
        {
            alternatives[best].CopyTo(point, 0);
        }

        return value;
    }

    /// <summary>The index of a discrete parameter's value: its bin, or for a log-scaled int its offset from the lower bound.</summary>
    private static long IndexOf(Parameter p, double u, long count) =>
        p.Kind == ParameterKind.Int && p.IsLog
            ? (long)(ParameterCodec.Decode(p, u) - p.Low)
            : Math.Clamp((long)Math.Floor(u * count), 0, count - 1);

    private static double UnitOf(Parameter p, long index, long count) =>
        p.Kind == ParameterKind.Int && p.IsLog ? ParameterCodec.Encode(p, p.Low + index) : (index + 0.5) / count;

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
