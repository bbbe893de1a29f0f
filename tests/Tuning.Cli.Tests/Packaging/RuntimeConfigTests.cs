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
        Assert.Equal("Microsoft.NETCore.App", options.GetProperty("framework").GetProperty("name").GetString());
    }
}
