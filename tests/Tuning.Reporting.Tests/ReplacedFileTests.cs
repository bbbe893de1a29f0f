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

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
