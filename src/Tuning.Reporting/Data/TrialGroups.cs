namespace Tuning.Reporting;

/// <summary>
/// Sorts a completed trial into the group the report's charts and the PNG plots draw it in, by the study's rules
/// (<see cref="StudySnapshot.IsResult"/>, <see cref="StudySnapshot.IsFeasible"/>): a trial that breaks a constraint is
/// infeasible whatever its fidelity, and a feasible one below the target fidelity is not a result however good its value.
/// </summary>
internal static class TrialGroups
{
    /// <summary>The group of a completed trial of the snapshot.</summary>
    public static TrialGroup Of(StudySnapshot snapshot, Trial trial) =>
        snapshot.IsResult(trial) ? TrialGroup.Result
        : !snapshot.IsFeasible(trial) ? TrialGroup.Infeasible
        : TrialGroup.LowerFidelity;
}
