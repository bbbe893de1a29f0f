namespace Tuning;

/// <summary>
/// The decision of asynchronous successive halving (ASHA; Li et al., MLSys 2020), computed from learning curves alone.
/// </summary>
/// <remarks>
/// <para>
/// Rung <c>k</c> sits at step <c>minResource · η^(s + k)</c>, where <c>s</c> is the minimum early-stopping rate.
/// A trial is at a rung once it has reported at or beyond the rung's step, and its value there is
/// <see cref="LearningCurve.ValueAtRung"/>. Nothing is remembered between calls: the rung records are the trials'
/// reports, which every storage keeps, so workers in other threads or processes see the same rungs.
/// </para>
/// <para>
/// A rung is judged once, at the report that first reaches it (the last report's step is at or beyond the rung's step
/// and the report before it was not), as Optuna judges it when the trial first gets there. A trial promoted at a rung
/// is therefore never demoted there later by trials that arrive after it. Calling the pruner after every report is
/// what makes every rung get judged; calling it again before the next report judges the same rung again, against the
/// values there by then (reports carry no time, so the arrival order at a rung cannot be recovered).
/// </para>
/// <para>
/// The promotion test is Optuna's <c>SuccessiveHalvingPruner</c>: of the <c>n</c> values at the rung (the trial's own
/// included), the trial continues if its value is at least as good as the <c>max(⌊n/η⌋, 1)</c>-th best. Until
/// <c>η</c> trials are at a rung, that means only a trial as good as the best so far continues, since a trial cannot be
/// paused and resumed later as in the paper.
/// </para>
/// </remarks>
/// <param name="minResource">The step of rung 0 when <paramref name="minEarlyStoppingRate"/> is 0.</param>
/// <param name="reductionFactor">η.</param>
/// <param name="minEarlyStoppingRate">s.</param>
/// <param name="bootstrapCount">How many values a rung needs before anyone there is promoted.</param>
/// <param name="maxResource">
/// The length of a full run, or <see langword="null"/> if unknown (every rung is judged, whatever the step): rungs at
/// or beyond it are not judged, and neither is a trial whose report has reached it (even if that report also passes a
/// lower rung for the first time, as sparse reports do), since a trial that got there has nothing left to save and
/// pruning it would only discard a finished result.
/// </param>
internal sealed class SuccessiveHalvingRule(
    long minResource, int reductionFactor, int minEarlyStoppingRate, int bootstrapCount, long? maxResource)
{
    /// <summary>The step of rung <paramref name="rung"/>, or <see langword="null"/> if it would overflow a step.</summary>
    public long? RungStep(int rung)
    {
        long step = minResource;
        for (int i = 0; i < minEarlyStoppingRate + rung; i++)
        {
            if (step > long.MaxValue / reductionFactor)
            {
                return null;
            }

            step *= reductionFactor;
        }

        return step;
    }

    /// <summary>Decides whether the trial with <paramref name="reports"/> stops at a rung it has just reached.</summary>
    /// <param name="reports">The trial's reports; at least one.</param>
    /// <param name="others">The reports of every other trial that competes with it (any state), each a snapshot.</param>
    /// <param name="objective">The objective the reports measure.</param>
    public bool ShouldPrune(IReadOnlyList<TrialReport> reports, IReadOnlyList<IReadOnlyList<TrialReport>> others, Metric objective)
    {
        long last = reports[^1].Step;
        if (IsFullRun(last))
        {
            return false; // a full run: nothing left to save, and its rungs below were passed on the way or skipped by its reports
        }

        long previous = LearningCurve.PreviousStep(reports);
        var competing = new List<double>();
        for (int rung = 0; RungStep(rung) is long step && step <= last && !IsFullRun(step); rung++)
        {
            if (step <= previous)
            {
                continue; // judged at an earlier report
            }

            double value = StudyRules.Orient(objective, LearningCurve.ValueAtRung(reports, step));
            competing.Clear();
            competing.Add(value);
            foreach (IReadOnlyList<TrialReport> other in others)
            {
                if (other.Count > 0 && other[^1].Step >= step)
                {
                    competing.Add(StudyRules.Orient(objective, LearningCurve.ValueAtRung(other, step)));
                }
            }

            if (competing.Count <= bootstrapCount || !IsPromotable(value, competing))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="step"/> is at or beyond the maximum resource; never without one.</summary>
    private bool IsFullRun(long step) => maxResource is long full && step >= full;

    /// <summary>Whether the oriented <paramref name="value"/> is in the best 1/η of the oriented <paramref name="competing"/> (which holds it).</summary>
    private bool IsPromotable(double value, List<double> competing)
    {
        int index = Math.Max((competing.Count / reductionFactor) - 1, 0);
        competing.Sort();
        return value <= competing[index];
    }
}
