using System.Text.RegularExpressions;

namespace Tuning.Tests.Repository;

/// <summary>Nothing in the repository names a path that exists on one machine only; shared tools are reached as <c>../shared/…</c> from the root.</summary>
public partial class MachinePathTests
{
    private static readonly string[] TextFiles = [".cs", ".md", ".sh", ".props", ".csproj", ".json", ".yml", ".yaml", ".txt", ".py", ".sln"];

    private static readonly string[] Skipped = ["bin", "obj", ".git", "BenchmarkDotNet.Artifacts", "node_modules"];

    [Fact]
    public void No_file_names_an_absolute_path_of_one_machine()
    {
        string root = RepositoryRoot();
        var offenders = new List<string>();
        foreach (string file in Files(root))
        {
            string[] lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                if (MachinePath().IsMatch(lines[i]))
                {
                    offenders.Add($"{Path.GetRelativePath(root, file)}:{i + 1}: {lines[i].Trim()}");
                }
            }
        }

        Assert.True(offenders.Count == 0, "Absolute paths of one machine:" + Environment.NewLine + string.Join(Environment.NewLine, offenders));
    }

    private static IEnumerable<string> Files(string folder)
    {
        foreach (string file in Directory.EnumerateFiles(folder))
        {
            if (TextFiles.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
            {
                yield return file;
            }
        }

        foreach (string child in Directory.EnumerateDirectories(folder).Where(d => !Skipped.Contains(Path.GetFileName(d), StringComparer.Ordinal)))
        {
            foreach (string file in Files(child))
            {
                yield return file;
            }
        }
    }

    /// <summary>The folder holding Tuning.sln, above the test's output folder.</summary>
    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Tuning.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (the folder of Tuning.sln) was not found above the test's output.");
    }

    /// <summary>A home, user or work folder given from the file system's root (Linux, macOS or Windows).</summary>
    [GeneratedRegex(@"(?<![\w.~$-])(/(work|home|Users|root)/[\w.-]|[A-Za-z]:\\(Users|work)\\)")]
    private static partial Regex MachinePath();
}
