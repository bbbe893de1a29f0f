using System.Diagnostics;

namespace Tuning.Storage.Testing;

/// <summary>
/// A call to the storage on a thread of its own, started when the check says, so that it runs while another call is in
/// progress; the check then sees whether it waited. A dedicated thread, not the thread pool: a busy pool could hold the
/// call back and hide a missing lock.
/// </summary>
internal sealed class ConcurrentCall
{
    private readonly object _gate = new();
    private readonly Thread _thread;
    private bool _reachedMark;
    private bool _ended;
    private Exception? _error;

    /// <param name="what">What the call is, for the check's messages (such as "The second ask").</param>
    /// <param name="call">The call; it may call <see cref="Mark"/> where a call that must wait would be too early.</param>
    public ConcurrentCall(string what, Action<ConcurrentCall> call)
    {
        What = what;
        _thread = new Thread(() => Run(call)) { IsBackground = true, Name = what };
    }

    /// <summary>Gets what the call is, for messages.</summary>
    public string What { get; }

    /// <summary>Gets what the call threw, once it has ended (see <see cref="Join"/>), or <see langword="null"/>.</summary>
    public Exception? Error => _error;

    public void Start() => _thread.Start();

    /// <summary>Records that the call got past the point it must wait at (into its proposer, say).</summary>
    public void Mark()
    {
        lock (_gate)
        {
            _reachedMark = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>
    /// Waits up to <paramref name="limit"/> for the call to reach its <see cref="Mark"/> or to end, and says whether it
    /// did. A call that waits as it must makes this return <see langword="false"/> however slow the machine is.
    /// </summary>
    public bool MovedWithin(TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        lock (_gate)
        {
            while (!_reachedMark && !_ended)
            {
                TimeSpan left = limit - watch.Elapsed;
                if (left <= TimeSpan.Zero)
                {
                    break;
                }

                Monitor.Wait(_gate, left);
            }

            return _reachedMark || _ended;
        }
    }

    /// <summary>Waits up to <paramref name="limit"/> for the call to end, and says whether it did.</summary>
    public bool Join(TimeSpan limit) => _thread.Join(limit);

    /// <summary>Waits for the call to end, and fails the check if it threw or is still running after <paramref name="limit"/>.</summary>
    public void Finish(TimeSpan limit)
    {
        if (!Join(limit))
        {
            throw new StorageConformanceException(
                $"{What} had not returned {limit.TotalSeconds:0} s after it could go on: does every transaction release the study's lock when it commits or rolls back?");
        }

        switch (_error)
        {
            case StorageConformanceException e:
                throw new StorageConformanceException(e.Message, e);
            case Exception e:
                throw new StorageConformanceException($"{What} threw {e.GetType().Name}: {e.Message}", e);
        }
    }

    private void Run(Action<ConcurrentCall> call)
    {
        try
        {
            call(this);
        }
        catch (Exception e)
        {
            _error = e; // whatever the storage threw on this thread is the check's finding, reported by Finish
        }
        finally
        {
            lock (_gate)
            {
                _ended = true;
                Monitor.PulseAll(_gate);
            }
        }
    }
}
