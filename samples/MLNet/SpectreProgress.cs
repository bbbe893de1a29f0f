using System.Globalization;
using Spectre.Console;
using Tuning;

namespace MLNetSample;

/// <summary>Moves a Spectre.Console progress bar after every finished trial and shows the best log-loss so far.</summary>
internal sealed class SpectreProgress(ProgressTask task) : IProgress<StudyProgress>
{
    public void Report(StudyProgress value)
    {
        task.Value = value.Finished;
        string best = value.BestValue is double b ? b.ToString("F4", CultureInfo.InvariantCulture) : "–";
        task.Description = Markup.Escape($"trials {value.Finished}/{value.Total}  best log-loss {best}  failed {value.Failed}");
    }
}
