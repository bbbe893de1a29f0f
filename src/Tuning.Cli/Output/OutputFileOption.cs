using System.CommandLine;
using Tuning.Cli.Commands;

namespace Tuning.Cli.Output;

/// <summary>The <c>--out FILE</c> option of the commands that write a file (<c>report</c>, <c>export</c>).</summary>
internal static class OutputFileOption
{
    /// <summary>An <c>--out</c> option that takes a legal file path only, and not an empty or blank one (<see cref="NotBlank"/>).</summary>
    public static Option<string?> Create(string description, bool required = false)
    {
        var option = new Option<string?>("--out", "-o") { Description = description, HelpName = "FILE", Required = required };
        option.AcceptLegalFilePathsOnly();
        return NotBlank.Require(option, "the file to write");
    }
}
