namespace Tuning.Reporting;

/// <summary>How a chart or plot draws a completed trial (see <see cref="TrialGroups.Of"/>).</summary>
internal enum TrialGroup
{
    /// <summary>Completed, feasible and at the target fidelity: a result (<see cref="StudySnapshot.IsResult"/>).</summary>
    Result,

    /// <summary>Completed, but breaks a constraint.</summary>
    Infeasible,

    /// <summary>Completed and feasible, at a lower fidelity than the target: evidence, not a result.</summary>
    LowerFidelity,
}
