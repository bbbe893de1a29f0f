using System.CommandLine;

namespace Tuning.Cli.Output;

/// <summary>The <c>--out FILE</c> option of the commands that write a file (<c>report</c>, <c>export</c>).</summary>
internal static class OutputFileOption
{
    /// <summary>
    /// An <c>--out</c> option that takes a legal file path only: an empty or blank one is a usage error that names the
    /// option, as a missing one is, rather than a failure deep in the writing.
    /// </summary>
    public static Option<string?> Create(string description, bool required = false)
    {
        var option = new Option<string?>("--out", "-o") { Description = description, HelpName = "FILE", Required = required };
        option.AcceptLegalFilePathsOnly();
        option.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string?>()))
            {
                result.AddError("--out needs a file name; it is empty.");
            }
        });
        return option;
    }
}
