namespace Tuning.Browser.Tests.Support;

/// <summary>Where the browser tests write screenshots: <c>artifacts/browser/</c> at the repository's root (ignored by git).</summary>
internal static class Artifacts
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Folder { get; } = Directory.CreateDirectory(Path.Combine(RepositoryRoot, "artifacts", "browser")).FullName;

    private static string FindRoot()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Tuning.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Tuning.sln above {AppContext.BaseDirectory}.");
    }
}
