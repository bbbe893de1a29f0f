using Tuning.Bayesian.Acquisitions;
using Tuning.Bayesian.Models;

namespace Tuning.Bayesian.Optimizers;

/// <summary>
/// What one thread of an acquisition search evaluates with: an acquisition that it alone uses (the acquisition itself,
/// or a copy from <see cref="IAcquisition.ForAnotherThread"/>) and buffers of its own, which an optimizer keeps from one
/// search to the next (the batched scores' block alone is n × candidates values).
/// </summary>
internal sealed class SearchWorker(FeatureMap map)
{
    /// <summary>The candidates scored on one thread come in whole multiples of this many (a multiple of every SIMD width).</summary>
    private const int PartGranule = 64;

    private double[] _chunk = [];

    /// <summary>Gets or sets the acquisition this worker evaluates in the current search.</summary>
    public IAcquisition Acquisition { get; set; } = null!;

    /// <summary>Gets room for one point's features.</summary>
    public double[] Features { get; } = new double[map.Columns];

    /// <summary>Gets room for the acquisition's gradient with respect to one point's features.</summary>
    public double[] FeatureGradient { get; } = new double[map.Columns];

    /// <summary>Gets room for one point's raw parameter values while it is made canonical.</summary>
    public double[] Raw { get; } = new double[map.Space.Count];

    /// <summary>Gets the buffers of batched acquisition values.</summary>
    public AcquisitionScratch Scratch { get; } = new();

    /// <summary>
    /// Splits m candidates into parts of whole multiples of <see cref="PartGranule"/> (the last takes the rest), one per
    /// worker at most, and runs <paramref name="body"/>(start, count, worker) for each, part k on worker k, at once.
    /// Every candidate sees the same arithmetic in whichever part it falls, since the parts start on the boundaries of
    /// the SIMD blocks of a whole pass; so scores do not depend on how many workers there are.
    /// </summary>
    public static void OnParts(SearchWorker[] workers, int m, Action<int, int, SearchWorker> body)
    {
        int perPart = (int)Math.Min(m, ((((long)m + workers.Length - 1) / workers.Length) + PartGranule - 1) / PartGranule * PartGranule);
        int parts = (m + perPart - 1) / perPart;
        if (parts <= 1)
        {
            body(0, m, workers[0]);
            return;
        }

        OnThreads(workers, parts, (part, worker) =>
        {
            int start = part * perPart;
            body(start, Math.Min(perPart, m - start), worker);
        });
    }

    /// <summary>
    /// Runs <paramref name="body"/>(k, worker k) for k below <paramref name="threads"/>, each on a thread of its own
    /// (the calling thread takes one). An exception reaches the caller as itself, not wrapped in an
    /// <see cref="AggregateException"/>, as it would from one thread; when several threads fail at once (a model that
    /// breaks breaks on every thread), the first failure reaches the caller and the others are dropped, as one thread
    /// would have stopped at the first.
    /// </summary>
    public static void OnThreads(SearchWorker[] workers, int threads, Action<int, SearchWorker> body)
    {
        try
        {
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, k => body(k, workers[k]));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }

    /// <summary>A buffer of at least <paramref name="length"/> values for a chunk of candidates' features.</summary>
    public double[] Chunk(int length)
    {
        if (_chunk.Length < length)
        {
            _chunk = new double[length];
        }

        return _chunk;
    }
}
