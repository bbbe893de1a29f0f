namespace Tuning;

/// <summary>How a <see cref="Fidelity"/> is declared: a real range, an integer range, or named tasks.</summary>
public enum FidelityKind
{
    /// <summary>A real fidelity in a range, such as the fraction of the training data (0.1 to 1).</summary>
    Float,

    /// <summary>An integer fidelity in a range, such as the number of epochs (1 to 100).</summary>
    Int,

    /// <summary>Named tasks with costs, SigOpt style: cheap proxy tasks and the target task of cost 1.</summary>
    Tasks,
}
