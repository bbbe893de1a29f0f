using Tuning.Bayesian.Acquisitions;
using Tuning.Bayesian.Models;

namespace Tuning.Bayesian.Optimizers;

/// <summary>
/// Maximizes an acquisition over a mixed space. Scrambled Sobol candidates (plus perturbations of the best trials) are
/// scored in one batch; the best few seed local searches that alternate L-BFGS-B over the active continuous parameters
/// with a coordinate search over the discrete ones — every value of a small discrete parameter, or a widening
/// neighbourhood of a large one — until neither improves (as Optuna's mixed optimizer does). Discrete values are
/// searched as values, never rounded afterwards, and every point is canonical: what it evaluates is what it suggests.
/// </summary>
internal sealed partial class AcquisitionOptimizer
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
    private readonly bool _drawsInLocalSearch;
    private readonly double[] _raw, _unit;
    private readonly AcquisitionScratch _scratch = new();
    private readonly List<SearchWorker> _workers = [];
    private double[] _points = [], _candidateFeatures = [], _scores = [], _sobol = [], _bounds = [];
    private int[] _boundOrder = [];
    private int[] _order = [];

    /// <param name="map">The feature map of the space searched.</param>
    /// <param name="candidates">How many Sobol candidates are scored.</param>
    /// <param name="starts">How many of the best candidates seed a local search.</param>
    /// <param name="threads">
    /// On how many threads at once the candidates may be scored and the local searches run, when the acquisition can
    /// be evaluated on several (<see cref="IAcquisition.ForAnotherThread"/>); 1 keeps everything on the calling thread.
    /// Either way each candidate and each search is the same computation, so the suggestion does not depend on it.
    /// </param>
    public AcquisitionOptimizer(FeatureMap map, int candidates, int starts, int threads = 1)
    {
        _space = map.Space;
        _map = map;
        _candidates = candidates;
        _starts = starts;
        Threads = threads;
        _raw = new double[_space.Count];
        _unit = new double[_space.Count];

        // A large discrete parameter's local moves draw from the suggestion's random stream, whose order only one
        // thread at a time keeps.
        _drawsInLocalSearch = _space.Parameters.Any(p => p.IsDiscrete && ValueCount(p) > ExhaustiveUpTo);
    }

    /// <summary>
    /// Gets or sets on how many threads at once the next searches may score candidates and run local searches (see the
    /// constructor); 1 keeps them on the calling thread.
    /// </summary>
    public int Threads { get; set; }

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
        SearchWorker[] workers = Workers(acquisition);
        int m = FillCandidates(random, anchors, box);
        Score(workers, m);
        for (int j = 0; j < m; j++)
        {
            _order[j] = j;
            _scratch.Keys[j] = double.IsNaN(_scores[j]) ? double.PositiveInfinity : -_scores[j];
        }

        Array.Sort(_scratch.Keys, _order, 0, m);

        var starts = new List<(double[] Point, double Value)>(_starts);
        var seeds = new HashSet<double[]>(PointComparer.Instance);
        for (int rank = 0; rank < m && seeds.Count < _starts; rank++)
        {
            double[] point = _points.AsSpan(_order[rank] * d, d).ToArray();
            if (seeds.Add(point))
            {
                starts.Add((point, _scores[_order[rank]]));
            }
        }

        List<(double[] Point, double Value)> results = LocalSearches(workers, starts, random, box);

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
    private void Score(SearchWorker[] workers, int m)
    {
        _scratch.Reserve(m);
        if (_bounds.Length < m)
        {
            _bounds = new double[m];
            _boundOrder = new int[m];
        }

        int f = _map.Columns;
        if (!UpperBounds(workers, m))
        {
            SearchWorker.OnParts(workers, m, (start, count, worker) =>
            {
                worker.Scratch.Reserve(count);
                worker.Acquisition.Values(_candidateFeatures.AsSpan(start * f, count * f), count, _scores.AsSpan(start, count), worker.Scratch);
            });
            return;
        }

        for (int j = 0; j < m; j++)
        {
            _boundOrder[j] = j;
            _scratch.Keys[j] = double.IsNaN(_bounds[j]) ? double.NegativeInfinity : -_bounds[j];
            _scores[j] = double.NegativeInfinity;
        }

        Array.Sort(_scratch.Keys, _boundOrder, 0, m);
        int needed = _starts + ScreeningMargin;
        var best = new PriorityQueue<int, double>(needed + 1);   // the best exact scores so far, worst on top
        double[] values = new double[ScreeningChunk];
        for (int next = 0; next < m;)
        {
            double threshold = best.Count >= needed && best.TryPeek(out _, out double worst) ? worst : double.NegativeInfinity;
            if (_bounds[_boundOrder[next]] < threshold - (1e-12 * (1 + Math.Abs(threshold))))
            {
                break; // no candidate left could rank among the best
            }

            int chunk = Math.Min(ScreeningChunk, m - next);
            SearchWorker.OnParts(workers, chunk, (start, count, worker) =>
            {
                double[] features = worker.Chunk(count * f);
                for (int c = 0; c < count; c++)
                {
                    _candidateFeatures.AsSpan(_boundOrder[next + start + c] * f, f).CopyTo(features.AsSpan(c * f, f));
                }

                worker.Scratch.Reserve(count);
                worker.Acquisition.Values(features, count, values.AsSpan(start, count), worker.Scratch);
            });

            for (int c = 0; c < chunk; c++)
            {
                int j = _boundOrder[next + c];
                _scores[j] = double.IsNaN(values[c]) ? double.NegativeInfinity : values[c];
                best.Enqueue(j, _scores[j]);
                if (best.Count > needed)
                {
                    best.Dequeue();
                }
            }

            next += chunk;
        }
    }

    /// <summary>Writes upper bounds on the m candidates' acquisition to <c>_bounds</c>, if the acquisition has them (<see cref="IBoundedAcquisition"/>).</summary>
    private bool UpperBounds(SearchWorker[] workers, int m)
    {
        if (workers[0].Acquisition is not IBoundedAcquisition)
        {
            return false;
        }

        int f = _map.Columns, bounded = 0;
        SearchWorker.OnParts(workers, m, (start, count, worker) =>
        {
            worker.Scratch.Reserve(count);
            if (((IBoundedAcquisition)worker.Acquisition).UpperBounds(
                _candidateFeatures.AsSpan(start * f, count * f), count, _bounds.AsSpan(start, count), worker.Scratch))
            {
                Interlocked.Increment(ref bounded);
            }
        });

        // Whether a model has bounds depends on the model alone, so the parts agree.
        return bounded > 0;
    }

    /// <summary>
    /// The workers of one maximization: the acquisition itself for the calling thread, and copies for up to
    /// <see cref="Threads"/> − 1 more threads (no more than there are local searches) where it can be evaluated on several
    /// threads at once.
    /// </summary>
    private SearchWorker[] Workers(IAcquisition acquisition)
    {
        var acquisitions = new List<IAcquisition> { acquisition };
        while (acquisitions.Count < Math.Min(Threads, _starts) && acquisition.ForAnotherThread() is { } copy)
        {
            acquisitions.Add(copy);
        }

        while (_workers.Count < acquisitions.Count)
        {
            _workers.Add(new SearchWorker(_map));
        }

        SearchWorker[] workers = [.. _workers.Take(acquisitions.Count)];
        for (int k = 0; k < workers.Length; k++)
        {
            workers[k].Acquisition = acquisitions[k];
        }

        return workers;
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

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

}
