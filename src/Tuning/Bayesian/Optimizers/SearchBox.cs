namespace Tuning.Bayesian.Optimizers;

/// <summary>
/// A box in the unit cube of a space's parameters to which the acquisition optimizer confines its search: its
/// candidates are drawn inside it and its continuous searches are bounded by it.
/// </summary>
internal sealed class SearchBox
{
    private SearchBox(double[] low, double[] high)
    {
        Low = low;
        High = high;
    }

    /// <summary>Gets the lower corner, one unit coordinate per parameter.</summary>
    public double[] Low { get; }

    /// <summary>Gets the upper corner, one unit coordinate per parameter.</summary>
    public double[] High { get; }

    /// <summary>
    /// A trust region around <paramref name="center"/> shaped by the model's lengthscales, as TuRBO's (Eriksson et al.,
    /// "Scalable Global Optimization via Local Bayesian Optimization", NeurIPS 2019): along parameter i it reaches
    /// <paramref name="halfWidth"/>·ℓᵢ / (Πⱼ ℓⱼ)^(1/d) either side, at least 1e-3 and at most 0.5, clipped to the cube.
    /// A categorical parameter, whose unit coordinate has no order, and an inactive one (NaN) keep their whole range.
    /// </summary>
    /// <param name="space">The space.</param>
    /// <param name="center">The canonical point at the centre.</param>
    /// <param name="lengthscales">The model's lengthscales, one per parameter.</param>
    /// <param name="halfWidth">The half-width along a parameter of average lengthscale.</param>
    public static SearchBox TrustRegion(SearchSpace space, double[] center, IReadOnlyList<double> lengthscales, double halfWidth)
    {
        int d = space.Count;
        double logMean = 0;
        for (int i = 0; i < d; i++)
        {
            logMean += Math.Log(lengthscales[i]) / d;
        }

        double[] low = new double[d], high = new double[d];
        for (int i = 0; i < d; i++)
        {
            if (space.Parameters[i].Kind == ParameterKind.Categorical || double.IsNaN(center[i]))
            {
                high[i] = 1;
                continue;
            }

            double reach = Math.Clamp(halfWidth * Math.Exp(Math.Log(lengthscales[i]) - logMean), 1e-3, 0.5);
            low[i] = Math.Max(0, center[i] - reach);
            high[i] = Math.Min(1, center[i] + reach);
        }

        return new SearchBox(low, high);
    }

    /// <summary>Maps a point of the unit cube into the box, coordinate by coordinate.</summary>
    public void MapFromCube(Span<double> unit)
    {
        for (int i = 0; i < unit.Length; i++)
        {
            unit[i] = Low[i] + ((High[i] - Low[i]) * unit[i]);
        }
    }

    /// <summary>Moves a point to the nearest point of the box.</summary>
    public void Clamp(Span<double> unit)
    {
        for (int i = 0; i < unit.Length; i++)
        {
            unit[i] = Math.Clamp(unit[i], Low[i], High[i]);
        }
    }

    /// <summary>
    /// Writes the box's bounds on the given parameters to <paramref name="lower"/> and <paramref name="upper"/>, and moves
    /// <paramref name="start"/> (their values, in that order) inside them.
    /// </summary>
    public void Bound(int[] parameters, double[] start, double[] lower, double[] upper)
    {
        for (int k = 0; k < parameters.Length; k++)
        {
            (lower[k], upper[k]) = (Low[parameters[k]], High[parameters[k]]);
            start[k] = Math.Clamp(start[k], lower[k], upper[k]);
        }
    }
}
