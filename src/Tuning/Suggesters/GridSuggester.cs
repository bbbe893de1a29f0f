namespace Tuning;

/// <summary>
/// Suggests the points of a grid, in order, each once: <see cref="PointsPerAxis"/> evenly spaced values for each
/// continuous float (in log space when log-scaled), and every value of ints (log-scaled ones included), stepped floats
/// and categoricals. An inactive conditional parameter does not multiply the grid. The order is mixed-radix over the
/// parameters, every parent before its children (declaration order when parents are declared first), the last fastest.
/// </summary>
/// <remarks>
/// Points already tried (running ones and enqueued ones included) are skipped, so the grid is shared correctly by
/// batches and parallel workers. When every point has been suggested, <see cref="Suggest"/> throws
/// <see cref="SearchSpaceExhaustedException"/>.
/// </remarks>
public sealed class GridSuggester : ISuggester
{
    /// <summary>The most values one parameter may take in a grid, a continuous float's <see cref="PointsPerAxis"/> included.</summary>
    private const int MaxValuesPerParameter = 10_000_000;

    /// <summary>Creates a grid suggester.</summary>
    /// <param name="pointsPerAxis">How many values each continuous float takes, including both bounds; at least 2 and at most 10,000,000. The default is 5.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pointsPerAxis"/> is less than 2 or more than 10,000,000.</exception>
    public GridSuggester(int pointsPerAxis = 5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pointsPerAxis, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pointsPerAxis, MaxValuesPerParameter);
        PointsPerAxis = pointsPerAxis;
    }

    /// <summary>Gets how many values each continuous float takes.</summary>
    public int PointsPerAxis { get; }

    /// <summary>Counts the distinct points of the grid over a space.</summary>
    /// <param name="space">The search space.</param>
    /// <returns>The number of grid points (saturating at <see cref="long.MaxValue"/>).</returns>
    /// <exception cref="ArgumentException">A discrete parameter of the space has more than 10,000,000 values.</exception>
    public long CountPoints(SearchSpace space)
    {
        ArgumentNullException.ThrowIfNull(space);
        return new Grid(space, PointsPerAxis).CountPoints();
    }

    /// <inheritdoc />
    /// <exception cref="SearchSpaceExhaustedException">Fewer than <paramref name="count"/> grid points are left.</exception>
    /// <exception cref="ArgumentException">A discrete parameter of the space has more than 10,000,000 values.</exception>
    public IReadOnlyList<ParameterValues> Suggest(SuggestionContext context, int count)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var grid = new Grid(context.Space, PointsPerAxis);
        var tried = new HashSet<ParameterValues>(context.Trials.Select(t => t.Parameters));
        var suggestions = new List<ParameterValues>(count);
        foreach (ParameterValues point in grid.Points())
        {
            if (tried.Add(point))
            {
                suggestions.Add(point);
                if (suggestions.Count == count)
                {
                    return suggestions;
                }
            }
        }

        throw new SearchSpaceExhaustedException(
            $"The grid of {grid.CountPoints()} points is used up: {count} new points were asked for and {suggestions.Count} were left.");
    }

    /// <summary>The grid's values per parameter and the enumeration of its points.</summary>
    private sealed class Grid
    {
        private readonly SearchSpace _space;
        private readonly double[][] _values;
        private readonly int[] _order;

        public Grid(SearchSpace space, int pointsPerAxis)
        {
            _space = space;
            _values = [.. space.Parameters.Select(p => AxisValues(p, pointsPerAxis))];
            _order = space.DecodeOrder.ToArray();
        }

        /// <summary>
        /// Enumerates the grid in mixed-radix order over the parameters, every parent before its children (declaration
        /// order when parents are declared first), the last fastest. Only active parameters count as digits: an inactive
        /// one is left out of the point and never varied, so the work is proportional to the points, however many
        /// parameters the inactive branches hold.
        /// </summary>
        public IEnumerable<ParameterValues> Points()
        {
            int n = _order.Length;
            var digits = new int[n];
            var active = new bool[n];
            while (true)
            {
                var raw = new double[_space.Count];
                for (int k = 0; k < n; k++)
                {
                    int i = _order[k];
                    active[k] = _space.IsActive(i, raw);
                    raw[i] = active[k] ? _values[i][digits[k]] : double.NaN;
                }

                yield return new ParameterValues(_space, raw);

                // The next point: the last active digit that can still grow grows, and every later digit restarts at its
                // first value (later parameters' activity depends only on earlier ones).
                int d = n - 1;
                while (d >= 0 && (!active[d] || digits[d] + 1 == _values[_order[d]].Length))
                {
                    d--;
                }

                if (d < 0)
                {
                    yield break;
                }

                digits[d]++;
                Array.Clear(digits, d + 1, n - d - 1);
            }
        }

        /// <summary>
        /// The number of points, without enumerating them: a parameter's subtree counts, for each of its values, the
        /// product of its children's subtrees active under that value (an inactive child counts once), and the grid is
        /// the product of the root parameters' subtrees. Saturates at <see cref="long.MaxValue"/>.
        /// </summary>
        public long CountPoints()
        {
            int n = _space.Count;
            var children = new List<int>[n];
            for (int i = 0; i < n; i++)
            {
                children[i] = [];
            }

            for (int i = 0; i < n; i++)
            {
                if (_space.ParentIndex(i) is int parent and >= 0)
                {
                    children[parent].Add(i);
                }
            }

            var raw = new double[n];
            long Subtree(int i)
            {
                long total = 0;
                foreach (double value in _values[i])
                {
                    raw[i] = value;
                    long product = 1;
                    foreach (int child in children[i])
                    {
                        product = SaturatingMultiply(product, _space.IsActive(child, raw) ? Subtree(child) : 1);
                    }

                    total = total > long.MaxValue - product ? long.MaxValue : total + product;
                }

                return total;
            }

            long count = 1;
            for (int i = 0; i < n; i++)
            {
                if (_space.ParentIndex(i) < 0)
                {
                    count = SaturatingMultiply(count, Subtree(i));
                }
            }

            return count;
        }

        private static long SaturatingMultiply(long a, long b) =>
            a == 0 || b == 0 ? 0 : a > long.MaxValue / b ? long.MaxValue : a * b;

        private static double[] AxisValues(Parameter p, int pointsPerAxis)
        {
            if (p.IsDiscrete)
            {
                long cardinality = p.Cardinality!.Value;
                if (cardinality > MaxValuesPerParameter)
                {
                    // A log-scaled int cannot take a step, and a categorical has none.
                    string remedy = p.Kind == ParameterKind.Categorical ? "list fewer choices" : p.IsLog ? "narrow its range" : "give it a larger step";
                    throw new ArgumentException(
                        $"The parameter '{p.Name}' has {cardinality} values, too many for a grid (at most {MaxValuesPerParameter} per parameter): {remedy}, or search the space with another suggester.");
                }

                var values = new double[cardinality];
                for (long k = 0; k < cardinality; k++)
                {
                    // A log int's bins are equal in log space and skip values; the grid takes every value.
                    values[k] = p.Kind == ParameterKind.Int && p.IsLog ? p.Low + k : ParameterCodec.Decode(p, (k + 0.5) / cardinality);
                }

                return [.. values.Distinct()];
            }

            var axis = new double[pointsPerAxis];
            for (int k = 0; k < pointsPerAxis; k++)
            {
                axis[k] = ParameterCodec.Decode(p, k / (double)(pointsPerAxis - 1));
            }

            return axis;
        }
    }
}
