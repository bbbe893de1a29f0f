using Tuning;

namespace TorchSharpDigits;

/// <summary>Prints one line per finished trial, as the study reports it (synchronously, so lines stay in order).</summary>
internal sealed class ConsoleProgress : IProgress<StudyProgress>
{
    public void Report(StudyProgress value)
    {
        Trial t = value.LastTrial;
        string outcome = t.State switch
        {
            TrialState.Completed => $"completed   {t.Reports.Count,3} epochs  val loss {t.Value,7:F4}  acc {t.Values["validation_accuracy"],6:P1}",
            TrialState.Pruned => $"pruned at   {t.Reports[^1].Step,3} epochs  val loss {t.Value,7:F4}",
            _ => $"failed      {t.Reports.Count,3} epochs  {t.FailReason}",
        };
        string best = value.BestValue is double b ? $"{b:F4}" : "  none";
        Console.WriteLine($"[{value.Finished,3}/{value.Total}] trial {t.Id,3} {outcome,-52} best {best}  {t.Parameters}");
    }
}
