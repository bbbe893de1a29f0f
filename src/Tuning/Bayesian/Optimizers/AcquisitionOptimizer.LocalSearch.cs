using Tuning.Bayesian.Acquisitions;
using Tuning.Optimization;

namespace Tuning.Bayesian.Optimizers;

/// <summary>
/// The local searches of <see cref="AcquisitionOptimizer"/>: from each start, L-BFGS-B over the active continuous
/// parameters alternating with a coordinate search over the discrete ones, on the threads the workers stand for.
/// </summary>
internal sealed partial class AcquisitionOptimizer
{
    /// <summary>
    /// Runs one local search from each start (improving its point in place) and returns the points with their values,
    /// in the order of the starts: on several threads when allowed and the acquisition can be shared, else one by one.
    /// </summary>
    private List<(double[] Point, double Value)> LocalSearches(
        SearchWorker[] workers, List<(double[] Point, double Value)> starts, Random random, SearchBox? box)
    {
        double[] values = new double[starts.Count];
        int threads = _drawsInLocalSearch ? 1 : Math.Min(workers.Length, starts.Count);
        if (threads > 1)
        {
            // Each thread takes the next start left until none is; every start's search is the same computation on
            // any thread, and its result lands in its own slot.
            int next = -1;
            SearchWorker.OnThreads(workers, threads, (_, worker) =>
            {
                for (int i = Interlocked.Increment(ref next); i < starts.Count; i = Interlocked.Increment(ref next))
                {
                    values[i] = LocalSearch(worker, starts[i].Point, starts[i].Value, random: null, box);
                }
            });
        }
        else
        {
            for (int i = 0; i < starts.Count; i++)
            {
                values[i] = LocalSearch(workers[0], starts[i].Point, starts[i].Value, random, box);
            }
        }

        return [.. starts.Select((start, i) => (start.Point, values[i]))];
    }

    private double[] Canonical(ReadOnlySpan<double> unit, double[] raw)
    {
        double[] canonical = new double[_space.Count];
        _space.Canonicalize(unit, raw, canonical);
        return canonical;
    }

    /// <summary>Improves <paramref name="point"/> in place by alternating continuous and discrete moves.</summary>
    /// <param name="worker">The acquisition and buffers of the calling thread.</param>
    /// <param name="point">The start, improved in place.</param>
    /// <param name="value">The acquisition at the start.</param>
    /// <param name="random">The suggestion's random stream, or null where no move draws from it.</param>
    /// <param name="box">The box the search stays in, or null.</param>
    private double LocalSearch(SearchWorker worker, double[] point, double value, Random? random, SearchBox? box)
    {
        // The continuous search runs to convergence, so it needs to run again only after a discrete move changed the
        // point (and with it, perhaps, which continuous parameters are active).
        for (int round = 0; round < LocalRounds; round++)
        {
            value = Math.Max(value, ContinuousSearch(worker, point, value, box));
            bool moved = false;
            for (int p = 0; p < _space.Count; p++)
            {
                if (!_space.Parameters[p].IsDiscrete || double.IsNaN(point[p]))
                {
                    continue;
                }

                double discrete = DiscreteSearch(worker, point, p, value, random);
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

    private double ContinuousSearch(SearchWorker worker, double[] point, double value, SearchBox? box)
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

                _map.Map(trial, worker.Features);
                double a = worker.Acquisition.Value(worker.Features, worker.FeatureGradient);
                for (int k = 0; k < active.Length; k++)
                {
                    g[k] = -worker.FeatureGradient[_map.ColumnOf(active[k])];
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

    private double DiscreteSearch(SearchWorker worker, double[] point, int p, double value, Random? random)
    {
        Parameter parameter = _space.Parameters[p];
        long count = ValueCount(parameter);
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
                indices.Add((random ?? throw new InvalidOperationException("A large discrete parameter's local search needs the random stream.")).NextInt64(count));
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
            double[] canonical = Canonical(unit, worker.Raw);
            _map.Map(canonical, features.AsSpan(alternatives.Count * f, f));
            alternatives.Add(canonical);
        }

        double[] scores = new double[m];
        worker.Scratch.Reserve(m);
        worker.Acquisition.Values(features, m, scores, worker.Scratch);
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

    /// <summary>How many values a discrete parameter's local search moves among: its bins, or a log-scaled int's integers.</summary>
    private static long ValueCount(Parameter p) =>
        p.Kind == ParameterKind.Int && p.IsLog ? (long)(p.High - p.Low) + 1 : p.Cardinality!.Value;
}
