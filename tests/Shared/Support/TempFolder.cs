using System.Security.Cryptography;

namespace Tuning.TestSupport;

/// <summary>A fresh folder under the system's temporary folder, deleted with its files on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tuning-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes a file of random bytes (of no format at all) and returns its path and its bytes.</summary>
    public (string Path, byte[] Bytes) RandomFile(string name, int seed, int length = 8192)
    {
        string path = File(name);
        byte[] bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        System.IO.File.WriteAllBytes(path, bytes);
        return (path, bytes);
    }

    /// <summary>Every file and folder under the folder with a hash of each file's bytes, to show that nothing changed.</summary>
    public IReadOnlyList<string> Snapshot() =>
        [.. Directory.EnumerateFileSystemEntries(Path, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(entry => Directory.Exists(entry)
                ? System.IO.Path.GetRelativePath(Path, entry) + "/"
                : $"{System.IO.Path.GetRelativePath(Path, entry)} {Convert.ToHexString(SHA256.HashData(System.IO.File.ReadAllBytes(entry)))}")];

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file (of a killed worker, say) may still be open for a moment; the OS cleans the temporary folder.
        }
    }
}
