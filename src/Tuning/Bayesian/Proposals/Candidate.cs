namespace Tuning.Bayesian.Proposals;

/// <summary>A point a proposal puts forward: its canonical unit coordinates, and the fidelity to evaluate it at.</summary>
/// <param name="Point">The canonical unit point (NaN for inactive parameters).</param>
/// <param name="Fidelity">The fidelity, or null for the target fidelity (and for a space without one).</param>
internal readonly record struct Candidate(double[] Point, FidelityLevel? Fidelity = null)
{
    /// <summary>The candidate's parameter values.</summary>
    public ParameterValues ToValues(SearchSpace space)
    {
        ParameterValues values = space.Decode(Point);
        return Fidelity is FidelityLevel level ? values.WithFidelity(level) : values;
    }

    /// <summary>The candidate that stands for parameter values chosen some other way (a start-up point).</summary>
    public static Candidate Of(ParameterValues values) =>
        new(values.Space.Encode(values), values.Level);
}
