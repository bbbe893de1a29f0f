namespace Tuning.Bayesian.Acquisitions;

/// <summary>
/// The region a two-objective front does not dominate, below a reference point r (both objectives minimized), cut into
/// vertical strips: with the front's non-dominated points sorted as a₁ &lt; … &lt; aₙ in the first objective (so
/// b₁ &gt; … &gt; bₙ in the second), strip i covers [aᵢ, aᵢ₊₁) × (−∞, bᵢ) for i = 0…n, where a₀ = −∞, aₙ₊₁ = r₁ and
/// b₀ = r₂. A point y improves the hypervolume by exactly the area of [y, r] inside the strips, which is what makes the
/// expected improvement a closed-form sum over strips (Emmerich et al. 2016; Yang et al. 2019, "Efficient computation
/// of expected hypervolume improvement using box decomposition algorithms").
/// </summary>
internal sealed class NonDominatedStrips
{
    private readonly List<(double First, double Second)> _points = [];

    /// <summary>Creates the strips of an empty front: one strip, the whole quadrant below the reference point.</summary>
    public NonDominatedStrips(double firstReference, double secondReference)
    {
        FirstReference = firstReference;
        SecondReference = secondReference;
        Rebuild();
    }

    public double FirstReference { get; }

    public double SecondReference { get; }

    /// <summary>Gets the number of strips, n + 1 for n non-dominated points better than the reference.</summary>
    public int Count => RightEdges.Length;

    /// <summary>Gets each strip's right edge in the first objective: a₁, …, aₙ, r₁ (strip i's left edge is strip i − 1's right edge, or −∞).</summary>
    public double[] RightEdges { get; private set; } = [];

    /// <summary>Gets each strip's ceiling in the second objective: r₂, b₁, …, bₙ.</summary>
    public double[] Ceilings { get; private set; } = [];

    /// <summary>Adds a point to the front (dominated points and points not better than the reference change nothing).</summary>
    public void Add(double first, double second)
    {
        _points.Add((first, second));
        Rebuild();
    }

    private void Rebuild()
    {
        var edges = new List<double>();
        var ceilings = new List<double> { SecondReference };
        double lowest = SecondReference;
        foreach ((double first, double second) in _points.Where(p => p.First < FirstReference).OrderBy(p => p.First).ThenBy(p => p.Second))
        {
            // Sorted by the first objective (then the second), a point is non-dominated exactly when it sets a new lowest
            // second value; an equal point or one with an equal first value and a higher second does not.
            if (second < lowest)
            {
                edges.Add(first);
                ceilings.Add(second);
                lowest = second;
            }
        }

        edges.Add(FirstReference);
        RightEdges = [.. edges];
        Ceilings = [.. ceilings];
    }
}
