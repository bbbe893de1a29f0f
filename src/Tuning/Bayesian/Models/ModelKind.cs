namespace Tuning.Bayesian.Models;

/// <summary>The kinds of model a suggester fits.</summary>
internal enum ModelKind
{
    /// <summary>An objective over the parameters.</summary>
    Objective,

    /// <summary>A constraint metric over the parameters.</summary>
    Constraint,

    /// <summary>An objective over the parameters and a fidelity.</summary>
    FidelityObjective,

    /// <summary>An objective over the parameters and the step a pruned trial reached.</summary>
    PrunedTrials,
}
