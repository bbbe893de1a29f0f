namespace Tuning.TestSupport;

/// <summary>A test class whose every test gets a fresh temporary folder, deleted after the test.</summary>
public abstract class TempFolderTests : IDisposable
{
    /// <summary>Gets this test's folder.</summary>
    private protected TempFolder Folder { get; } = new();

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Deletes the folder; a test class that holds more releases it here too.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Folder.Dispose();
        }
    }
}
