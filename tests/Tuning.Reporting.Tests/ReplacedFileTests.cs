using Tuning.Reporting;

namespace Tuning.Reporting.Tests;

public sealed class ReplacedFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tuning-replaced-").FullName;

    [Fact]
    public void A_write_that_fails_part_way_leaves_the_earlier_file_and_no_temporary_file()
    {
        string path = Path.Combine(_folder, "trials.csv");
        File.WriteAllText(path, "id,state\n1,COMPLETE\n");

        Assert.Throws<IOException>(() => ReplacedFile.Write(path, writer =>
        {
            writer.Write("id,state\n");
            writer.Flush();
            throw new IOException("No space left on device");
        }));

        Assert.Equal("id,state\n1,COMPLETE\n", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_folder));
    }

    [Fact]
    public void A_write_replaces_the_file_whole_in_UTF8_without_a_byte_order_mark()
    {
        string path = Path.Combine(_folder, "study.json");
        File.WriteAllText(path, "an older and longer export");

        ReplacedFile.Write(path, writer => writer.Write("{\"é\":1}"));

        Assert.Equal([0x7B, 0x22, 0xC3, 0xA9], File.ReadAllBytes(path).Take(4));
        Assert.Equal("{\"é\":1}", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_folder));
    }

    [Fact]
    public void A_replaced_file_keeps_its_permissions()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string path = Path.Combine(_folder, "trials.csv");
        File.WriteAllText(path, "an export only its owner may read");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        ReplacedFile.Write(path, writer => writer.Write("id,state\n"));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal("id,state\n", File.ReadAllText(path));
    }

    [Fact]
    public void A_symbolic_link_is_written_through_to_its_file_and_stays_a_link()
    {
        string target = Path.Combine(_folder, "exports", "latest-trials.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        string link = Path.Combine(_folder, "trials.csv");
        File.CreateSymbolicLink(link, Path.Combine("exports", "latest-trials.csv"));

        ReplacedFile.Write(link, writer => writer.Write("first"));
        ReplacedFile.Write(link, writer => writer.Write("second"));

        Assert.Equal("second", File.ReadAllText(target));
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Equal([link], Directory.GetFiles(_folder));
        Assert.Equal([target], Directory.GetFiles(Path.GetDirectoryName(target)!));
    }

    [Fact]
    public void A_name_as_long_as_the_file_system_takes_is_written()
    {
        string path = Path.Combine(_folder, new string('x', 250) + ".csv");

        ReplacedFile.Write(path, writer => writer.Write("id"));

        Assert.Equal("id", File.ReadAllText(path));
    }

    [Fact]
    public void A_failure_names_the_file_not_the_temporary_one()
    {
        string path = Path.Combine(_folder, "missing", "report.html");

        DirectoryNotFoundException e = Assert.Throws<DirectoryNotFoundException>(() => ReplacedFile.Write(path, writer => writer.Write("<html>")));

        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(".tmp", e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
