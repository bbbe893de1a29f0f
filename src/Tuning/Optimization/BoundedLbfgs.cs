namespace Tuning.Optimization;

/// <summary>
/// Limited-memory BFGS with box constraints, by projection: variables at a bound whose gradient points outward are held,
/// the two-loop recursion (Nocedal and Wright 2006, Algorithm 7.4) gives a quasi-Newton step on the others, and a
/// backtracking Armijo search runs along the projected path. A reusable instance allocates nothing per iteration.
/// </summary>
internal sealed class BoundedLbfgs
{
    private const int Memory = 8;
    private const double Armijo = 1e-4;

    private readonly int _n;
    private readonly double[] _s, _y, _rho, _alpha;
    private readonly double[] _x, _g, _xNew, _gNew, _direction;
    private readonly bool[] _held;

    public BoundedLbfgs(int dimension)
    {
        _n = dimension;
        _s = new double[Memory * dimension];
        _y = new double[Memory * dimension];
        _rho = new double[Memory];
        _alpha = new double[Memory];
        _x = new double[dimension];
        _g = new double[dimension];
        _xNew = new double[dimension];
        _gNew = new double[dimension];
        _direction = new double[dimension];
        _held = new bool[dimension];
    }

    /// <summary>Minimizes <paramref name="f"/> from <paramref name="x"/> (clamped into the box), leaving the minimizer in <paramref name="x"/>.</summary>
    /// <param name="f">The objective.</param>
    /// <param name="x">The start, replaced by the best point found.</param>
    /// <param name="lower">The lower bounds.</param>
    /// <param name="upper">The upper bounds.</param>
    /// <param name="maxIterations">The most iterations.</param>
    /// <param name="gradientTolerance">Stop when every projected-gradient component is below this.</param>
    /// <param name="valueTolerance">Stop when an iteration lowers the value by less than this (absolute).</param>
    /// <returns>The value at the minimizer, and how many times <paramref name="f"/> was evaluated.</returns>
    public (double Value, int Evaluations) Minimize(
        ObjectiveWithGradient f, Span<double> x, ReadOnlySpan<double> lower, ReadOnlySpan<double> upper, int maxIterations, double gradientTolerance, double valueTolerance = 0)
    {
        for (int i = 0; i < _n; i++)
        {
            _x[i] = Math.Clamp(x[i], lower[i], upper[i]);
        }

        double value = f(_x, _g);
        int evaluations = 1;
        if (!double.IsFinite(value))
        {
            _x.CopyTo(x);
            return (value, evaluations);
        }

        int stored = 0, newest = -1;
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            if (ProjectedGradientNorm(lower, upper) < gradientTolerance)
            {
                break;
            }

            Direction(stored, newest);
            double slope = Dot(_direction, _g);
            if (!(slope < 0))
            {
                // Not a descent direction: forget the curvature pairs and go down the gradient.
                stored = 0;
                for (int i = 0; i < _n; i++)
                {
                    _direction[i] = _held[i] ? 0 : -_g[i];
                }

                slope = Dot(_direction, _g);
                if (!(slope < 0))
                {
                    break;
                }
            }

            double step = stored == 0 ? Math.Min(1.0, 1.0 / Math.Max(Norm(_direction), 1e-12)) : 1.0;
            double newValue = double.NaN;
            bool accepted = false;
            for (int trial = 0; trial < 30; trial++)
            {
                double decrease = 0;
                for (int i = 0; i < _n; i++)
                {
                    _xNew[i] = Math.Clamp(_x[i] + (step * _direction[i]), lower[i], upper[i]);
                    decrease += _g[i] * (_xNew[i] - _x[i]);
                }

                newValue = f(_xNew, _gNew);
                evaluations++;
                if (double.IsFinite(newValue) && newValue <= value + (Armijo * decrease))
                {
                    accepted = true;
                    break;
                }

                step *= 0.5;
            }

            if (!accepted)
            {
                break;
            }

            // Store the curvature pair if it keeps the approximation positive definite.
            newest = (newest + 1) % Memory;
            Span<double> s = _s.AsSpan(newest * _n, _n), yv = _y.AsSpan(newest * _n, _n);
            double sy = 0, yy = 0;
            for (int i = 0; i < _n; i++)
            {
                s[i] = _xNew[i] - _x[i];
                yv[i] = _gNew[i] - _g[i];
                sy += s[i] * yv[i];
                yy += yv[i] * yv[i];
            }

            if (sy > 1e-12 * yy && sy > 0)
            {
                _rho[newest] = 1 / sy;
                stored = Math.Min(stored + 1, Memory);
            }
            else
            {
                newest = (newest + Memory - 1) % Memory;
            }

            double improvement = value - newValue;
            _xNew.CopyTo(_x, 0);
            _gNew.CopyTo(_g, 0);
            value = newValue;
            if (improvement <= Math.Max(valueTolerance, 1e-12 * Math.Max(1, Math.Abs(value))))
            {
                break;
            }
        }

        _x.CopyTo(x);
        return (value, evaluations);
    }

    private double ProjectedGradientNorm(ReadOnlySpan<double> lower, ReadOnlySpan<double> upper)
    {
        double norm = 0;
        for (int i = 0; i < _n; i++)
        {
            double projected = Math.Clamp(_x[i] - _g[i], lower[i], upper[i]) - _x[i];
            norm = Math.Max(norm, Math.Abs(projected));
            _held[i] = (_x[i] <= lower[i] && _g[i] > 0) || (_x[i] >= upper[i] && _g[i] < 0);
        }

        return norm;
    }

    /// <summary>The two-loop recursion on the free variables: direction = −H·g.</summary>
    private void Direction(int stored, int newest)
    {
        for (int i = 0; i < _n; i++)
        {
            _direction[i] = _held[i] ? 0 : -_g[i];
        }

        if (stored == 0)
        {
            return;
        }

        int k = newest;
        for (int m = 0; m < stored; m++, k = (k + Memory - 1) % Memory)
        {
            ReadOnlySpan<double> s = _s.AsSpan(k * _n, _n);
            double a = _rho[k] * DotFree(s, _direction);
            _alpha[k] = a;
            AxpyFree(-a, _y.AsSpan(k * _n, _n), _direction);
        }

        ReadOnlySpan<double> sNew = _s.AsSpan(newest * _n, _n), yNew = _y.AsSpan(newest * _n, _n);
        double gamma = Dot(sNew, yNew) / Math.Max(Dot(yNew, yNew), 1e-300);
        for (int i = 0; i < _n; i++)
        {
            _direction[i] *= gamma;
        }

        k = (newest + Memory - stored + 1) % Memory;
        for (int m = 0; m < stored; m++, k = (k + 1) % Memory)
        {
            double b = _rho[k] * DotFree(_y.AsSpan(k * _n, _n), _direction);
            AxpyFree(_alpha[k] - b, _s.AsSpan(k * _n, _n), _direction);
        }
    }

    private double DotFree(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < _n; i++)
        {
            if (!_held[i])
            {
                sum += a[i] * b[i];
            }
        }

        return sum;
    }

    private void AxpyFree(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < _n; i++)
        {
            if (!_held[i])
            {
                y[i] += a * x[i];
            }
        }
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private static double Norm(ReadOnlySpan<double> a) => Math.Sqrt(Dot(a, a));
}
