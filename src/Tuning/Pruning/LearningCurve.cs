namespace Tuning;

/// <summary>Reads a trial's reports (steps strictly increasing) as a learning curve.</summary>
internal static class LearningCurve
{
    /// <summary>The value reported at exactly <paramref name="step"/>, if any.</summary>
    public static bool TryGetValueAt(IReadOnlyList<TrialReport> reports, long step, out double value)
    {
        int i = LastAtOrBefore(reports, step);
        if (i >= 0 && reports[i].Step == step)
        {
            value = reports[i].Value;
            return true;
        }

        value = double.NaN;
        return false;
    }

    /// <summary>
    /// The value a trial carries at a rung: its report at the rung's step, else its latest report before that step,
    /// else (its first report lies beyond the step) its first report. The curve must not be empty.
    /// </summary>
    public static double ValueAtRung(IReadOnlyList<TrialReport> reports, long step)
    {
        int i = LastAtOrBefore(reports, step);
        return reports[Math.Max(i, 0)].Value;
    }

    /// <summary>The best value reported so far for the objective (<see cref="StudyRules.IsBetter"/>).</summary>
    public static double BestSoFar(IReadOnlyList<TrialReport> reports, Metric objective)
    {
        double best = reports[0].Value;
        for (int i = 1; i < reports.Count; i++)
        {
            if (StudyRules.IsBetter(objective, reports[i].Value, best))
            {
                best = reports[i].Value;
            }
        }

        return best;
    }

    /// <summary>The step of the report before the last one, or -1 if there is at most one report.</summary>
    public static long PreviousStep(IReadOnlyList<TrialReport> reports) => reports.Count > 1 ? reports[^2].Step : -1;

    /// <summary>The objective that trials report on: their study's first objective.</summary>
    public static Metric Objective(Trial trial) => trial.Study.Objectives[0];

    /// <summary>Index of the last report with a step at or before <paramref name="step"/>, or -1.</summary>
    private static int LastAtOrBefore(IReadOnlyList<TrialReport> reports, long step)
    {
        int lo = 0, hi = reports.Count - 1, found = -1;
        while (lo <= hi)
        {
            int mid = lo + ((hi - lo) / 2);
            if (reports[mid].Step <= step)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found;
    }
}
