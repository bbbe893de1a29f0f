namespace Tuning.MLNet;

/// <summary>The machine-learning task a <see cref="TrainerSearchSpace"/> trains for.</summary>
public enum TrainerTask
{
    /// <summary>Two classes; a <see cref="bool"/> label.</summary>
    BinaryClassification,

    /// <summary>Several classes; a key-typed label (map it with <c>MapValueToKey</c>).</summary>
    MulticlassClassification,

    /// <summary>A real-valued label (<see cref="float"/>).</summary>
    Regression,
}
