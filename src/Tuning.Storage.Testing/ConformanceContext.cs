namespace Tuning.Storage.Testing;

/// <summary>The storages one check opens, disposed when the check ends.</summary>
internal sealed class ConformanceContext(Func<IStudyStorage> openStorage) : IDisposable
{
    private readonly List<IDisposable> _opened = [];

    /// <summary>Opens the check's storage: the first call creates it, later ones open it again as another process would.</summary>
    public IStudyStorage Open()
    {
        IStudyStorage storage = openStorage()
            ?? throw new InvalidOperationException("The openStorage function of the conformance suite returned null.");
        if (storage is IDisposable disposable && !_opened.Contains(disposable))
        {
            _opened.Add(disposable);
        }

        return storage;
    }

    public void Dispose()
    {
        for (int i = _opened.Count - 1; i >= 0; i--)
        {
            _opened[i].Dispose();
        }

        _opened.Clear();
    }
}
