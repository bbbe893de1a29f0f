namespace Tuning.Quality.Problems;

/// <summary>A problem with two objectives, both minimized, with a fixed reference point and a known best hypervolume.</summary>
internal interface IParetoProblem
{
    string Name { get; }

    SearchSpace Space { get; }

    int Budget { get; }

    /// <summary>The reference point the hypervolume is measured from (BoTorch's for the problem).</summary>
    (double First, double Second) ReferencePoint { get; }

    /// <summary>The hypervolume of the true Pareto front from <see cref="ReferencePoint"/>.</summary>
    double MaxHypervolume { get; }

    /// <summary>Where <see cref="MaxHypervolume"/> comes from, for the report.</summary>
    string MaxHypervolumeSource { get; }

    (double First, double Second) Evaluate(ParameterValues x);

    /// <summary>Points on the true Pareto front, sorted by the first objective, for the plots.</summary>
    IReadOnlyList<(double First, double Second)> TrueFront { get; }
}
