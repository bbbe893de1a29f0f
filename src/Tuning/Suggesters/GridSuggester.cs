namespace Tuning;

/// <summary>
/// Suggests the points of a grid, in order, each once: <see cref="PointsPerAxis"/> evenly spaced values for each
/// continuous float (in log space when log-scaled), and every value of ints, stepped floats and categoricals.
/// An inactive conditional parameter does not multiply the grid.
/// </summary>
/// <remarks>
/// Points already tried (running ones and enqueued ones included) are skipped, so the grid is shared correctly by
/// batches and parallel workers. When every point has been suggested, <see cref="Suggest"/> throws
/// <see cref="SearchSpaceExhaustedException"/>.
/// </remarks>
public sealed class GridSuggester : ISuggester
{
    /// <summary>Creates a grid suggester.</summary>
    /// <param name="pointsPerAxis">How many values each continuous float takes, including both bounds; at least 2. The default is 5.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pointsPerAxis"/> is less than 2.</exception>
    public GridSuggester(int pointsPerAxis = 5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pointsPerAxis, 2);
        PointsPerAxis = pointsPerAxis;
    }

    /// <summary>Gets how many values each continuous float takes.</summary>
    public int PointsPerAxis { get; }

    /// <summary>Counts the distinct points of the grid over a space.</summary>
    /// <param name="space">The search space.</param>
    /// <returns>The number of grid points (saturating at <see cref="long.MaxValue"/>).</returns>
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

        public Grid(SearchSpace space, int pointsPerAxis)
        {
            _space = space;
            _values = [.. space.Parameters.Select(p => AxisValues(p, pointsPerAxis))];
        }

        /// <summary>Enumerates the grid in mixed-radix order (the last parameter fastest), skipping inactive duplicates.</summary>
        public IEnumerable<ParameterValues> Points()
        {
            int n = _space.Count;
            var digits = new int[n];
            while (true)
            {
                var raw = new double[n];
                bool canonical = true;
                foreach (int i in _space.DecodeOrder)
                {
                    if (_space.IsActive(i, raw))
                    {
                        raw[i] = _values[i][digits[i]];
                    }
                    else
                    {
                        raw[i] = double.NaN;
                        canonical &= digits[i] == 0; // an inactive parameter is enumerated once, at its first value
                    }
                }

                if (canonical)
                {
                    yield return new ParameterValues(_space, raw);
                }

                int d = n - 1;
                while (d >= 0 && ++digits[d] == _values[d].Length)
                {
                    digits[d--] = 0;
                }

                if (d < 0)
                {
                    yield break;
                }
            }
        }

        public long CountPoints()
        {
            // Count the points of each subtree: a parameter contributes its values only where it is active.
            long total = 0;
            foreach (ParameterValues _ in Points())
            {
                total++;
                if (total > 50_000_000)
                {
                    return long.MaxValue;
                }
            }

            return total;
        }

        private static double[] AxisValues(Parameter p, int pointsPerAxis)
        {
            if (p.IsDiscrete)
            {
                long cardinality = p.Cardinality!.Value;
                if (cardinality > 10_000_000)
                {
                    throw new ArgumentException(
                        $"The parameter '{p.Name}' has {cardinality} values, too many for a grid (at most 10000000 per parameter): give it a step, or search the space with another suggester.");
                }

                var values = new double[cardinality];
                for (long k = 0; k < cardinality; k++)
                {
                    values[k] = ParameterCodec.Decode(p, (k + 0.5) / cardinality);
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
