using System.Text;

namespace Tuning.Cli;

/// <summary>The <c>tuning</c> tool's entry point.</summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        // Exports and names go out as UTF-8 (without a byte-order mark) whatever the console's code page, also when redirected.
        Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        return await Cli.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
    }
}
