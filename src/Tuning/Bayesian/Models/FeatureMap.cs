namespace Tuning.Bayesian.Models;

/// <summary>
/// Maps the unit-cube encoding of a space to the Gaussian process's input features. A numeric parameter is one
/// feature, its unit coordinate. A categorical with k choices is k one-hot features scaled by 1/√2, so two different
/// choices are at squared distance exactly 1 and equal ones at 0: with one shared lengthscale, the kernel sees the
/// Hamming distance, as categorical kernels should. An inactive parameter takes a fixed filler (0.5, or no category),
/// so points where it is inactive agree on it.
/// </summary>
internal sealed class FeatureMap
{
    private const double OneHot = 0.70710678118654752440;
    private readonly int[] _firstColumn;
    private readonly int[] _width;

    public FeatureMap(SearchSpace space)
    {
        Space = space;
        _firstColumn = new int[space.Count];
        _width = new int[space.Count];
        var owner = new List<int>();
        for (int p = 0; p < space.Count; p++)
        {
            _firstColumn[p] = owner.Count;
            _width[p] = space.Parameters[p].Kind == ParameterKind.Categorical ? space.Parameters[p].Choices.Count : 1;
            for (int k = 0; k < _width[p]; k++)
            {
                owner.Add(p);
            }
        }

        ColumnOwner = [.. owner];
    }

    public SearchSpace Space { get; }

    /// <summary>Gets the number of features.</summary>
    public int Columns => ColumnOwner.Length;

    /// <summary>Gets the number of lengthscales: one per parameter.</summary>
    public int Parameters => _width.Length;

    /// <summary>Gets the parameter each feature belongs to.</summary>
    public int[] ColumnOwner { get; }

    /// <summary>Gets the feature of a numeric parameter (its only one).</summary>
    public int ColumnOf(int parameter) => _firstColumn[parameter];

    /// <summary>Writes the features of a canonical unit point (NaN for inactive parameters).</summary>
    public void Map(ReadOnlySpan<double> canonical, Span<double> features)
    {
        for (int p = 0; p < _width.Length; p++)
        {
            int c = _firstColumn[p];
            double u = canonical[p];
            if (_width[p] == 1 && Space.Parameters[p].Kind != ParameterKind.Categorical)
            {
                features[c] = double.IsNaN(u) ? 0.5 : u;
                continue;
            }

            features.Slice(c, _width[p]).Clear();
            if (!double.IsNaN(u))
            {
                int choice = Math.Clamp((int)Math.Floor(u * _width[p]), 0, _width[p] - 1);
                features[c + choice] = OneHot;
            }
        }
    }

    /// <summary>Expands one lengthscale per parameter to one per feature.</summary>
    public void ExpandLengthscales(ReadOnlySpan<double> perParameter, Span<double> perColumn)
    {
        for (int c = 0; c < ColumnOwner.Length; c++)
        {
            perColumn[c] = perParameter[ColumnOwner[c]];
        }
    }

    /// <summary>Sums per-feature gradients into per-parameter ones (the lengthscales a categorical's features share).</summary>
    public void CollapseGradient(ReadOnlySpan<double> perColumn, Span<double> perParameter)
    {
        perParameter[.._width.Length].Clear();
        for (int c = 0; c < ColumnOwner.Length; c++)
        {
            perParameter[ColumnOwner[c]] += perColumn[c];
        }
    }
}
