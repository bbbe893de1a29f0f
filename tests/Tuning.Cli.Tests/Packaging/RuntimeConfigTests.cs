using System.Text.Json;

namespace Tuning.Cli.Tests.Packaging;

public sealed class RuntimeConfigTests
{
    [Fact]
    public void The_tool_rolls_forward_to_a_newer_major_runtime()
    {
        // The build copies the tool's runtime configuration next to the tests; the installed tool carries the same file.
        string path = Path.Combine(AppContext.BaseDirectory, "Tuning.Cli.runtimeconfig.json");
        using JsonDocument config = JsonDocument.Parse(File.ReadAllText(path));
        JsonElement options = config.RootElement.GetProperty("runtimeOptions");

        Assert.Equal("Major", options.GetProperty("rollForward").GetString());
        // The dashboard adds ASP.NET Core beside the base runtime; both roll forward together.
        Assert.Contains(
            options.GetProperty("frameworks").EnumerateArray().Select(f => f.GetProperty("name").GetString()),
            name => name == "Microsoft.NETCore.App");
    }
}
