using Tuning.Numerics;

namespace Tuning.MultiFidelity;

internal sealed partial class MultiFidelityModel
{
    /// <summary>
    /// Predicts at (x, s) and at (x, target), with the posterior covariance between them, and the gradients if
    /// <paramref name="gradient"/> is given.
    /// </summary>
    /// <remarks>
    /// With a = k(X, (x, s)), b = k(X, (x, target)) and K the data covariance: μ = αᵀa, σ² = k_ss − aᵀK⁻¹a, and the
    /// covariance is k_st − aᵀK⁻¹b. Each derivative in x is a sum over the data of the Matérn derivative weighted by
    /// α, K⁻¹a and K⁻¹b.
    /// </remarks>
    public JointPrediction PredictJoint(ReadOnlySpan<double> x, double s, JointGradient? gradient)
    {
        int n = Count, f = F;
        Scratch sc = _scratch;
        double signal = Signal, target = Fidelity.Target;
        bool hasBias = Fidelity.HasBias;
        double targetMean = 0, mean = 0;
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<double> xi = _x.AsSpan(i * f, f);
            (double kx, double dk) = MaternWithSlope(x, xi, _inverseSquaredLengthscales);
            (double kb, double dkb) = hasBias ? MaternWithSlope(x, xi, _inverseSquaredBiasLengthscales) : (0, 0);
            sc.Kx[i] = kx;
            sc.Dk[i] = dk;
            sc.Kb[i] = kb;
            sc.Dkb[i] = dkb;
            sc.Ks[i] = Fidelity.Scale(_s[i], s);
            sc.Kt[i] = Fidelity.Scale(_s[i], target);
            sc.Bs[i] = Fidelity.BiasScale(_s[i], s);
            sc.Bt[i] = Fidelity.BiasScale(_s[i], target);
            sc.A[i] = signal * Fidelity.Covariance(kx, kb, _s[i], s);
            sc.B[i] = signal * Fidelity.Covariance(kx, kb, _s[i], target);
            mean += _alpha[i] * sc.A[i];
            targetMean += _alpha[i] * sc.B[i];
        }

        sc.A.AsSpan(0, n).CopyTo(sc.Va);
        sc.B.AsSpan(0, n).CopyTo(sc.Vb);
        (double aa, double bb, double ab) = SolveAndProject(sc);

        var prediction = new JointPrediction(
            targetMean,
            Math.Max((signal * Fidelity.Covariance(1, 1, target, target)) - bb, MinimumVariance),
            mean,
            Math.Max((signal * Fidelity.Covariance(1, 1, s, s)) - aa, MinimumVariance),
            (signal * Fidelity.Covariance(1, 1, s, target)) - ab);
        if (gradient is null)
        {
            return prediction;
        }

        // K⁻¹a and K⁻¹b, in place.
        TriangularSolve.SolveLowerTransposed(_l, n, n, sc.Va.AsSpan(0, n));
        TriangularSolve.SolveLowerTransposed(_l, n, n, sc.Vb.AsSpan(0, n));
        gradient.Clear();
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<double> xi = _x.AsSpan(i * f, f);
            Accumulate(gradient, x, xi, _inverseSquaredLengthscales, i, signal * sc.Dk[i], sc.Ks[i], sc.Kt[i]);
            if (hasBias)
            {
                // The bias term k_b·k_β: the same sums with the bias's factors, slope and lengthscales.
                Accumulate(gradient, x, xi, _inverseSquaredBiasLengthscales, i, signal * sc.Dkb[i], sc.Bs[i], sc.Bt[i]);
            }
        }

        return prediction;
    }

    /// <summary>
    /// Adds data point i's share of the x-gradients for one x-kernel term of the covariance: its slope <paramref name="slope"/>
    /// (σ² times the Matérn slope factor), its fidelity factors with s (<paramref name="atS"/>) and with the target
    /// (<paramref name="atTarget"/>), and its lengthscales.
    /// </summary>
    private void Accumulate(
        JointGradient gradient, ReadOnlySpan<double> x, ReadOnlySpan<double> xi, double[] inverseSquaredLengthscales, int i, double slope, double atS, double atTarget)
    {
        Scratch sc = _scratch;
        double cMean = _alpha[i] * atTarget * slope;
        double cMeanAtS = _alpha[i] * atS * slope;
        double cTarget = -2 * sc.Vb[i] * atTarget * slope;
        double cVariance = -2 * sc.Va[i] * atS * slope;
        for (int c = 0; c < xi.Length; c++)
        {
            double g = (x[c] - xi[c]) * inverseSquaredLengthscales[c];
            gradient.TargetMean[c] += cMean * g;
            gradient.Mean[c] += cMeanAtS * g;
            gradient.TargetVariance[c] += cTarget * g;
            gradient.Variance[c] += cVariance * g;
        }
    }

    /// <summary>
    /// The share of the target's posterior variance at x that an observation at fidelity s would remove, ρ² =
    /// cov(y(x, s), f(x, t))² / (var(y(x, s))·var(f(x, t))), with the fidelity's offset k_o taken as known.
    /// </summary>
    /// <remarks>
    /// The offset is a shift common to every configuration at a fidelity, so any evaluation there teaches it, and it
    /// does not change which configuration is best; counted as unknown, it would make a fidelity not yet tried look
    /// uninformative, and the suggester would never try it. So the observation is taken as the x-varying part at s plus
    /// noise: its covariance with the data is σ²·(k_x·k_s + k_b·k_β) (no k_o), and with the target (which has no offset)
    /// likewise.
    /// </remarks>
    public double TargetInformation(ReadOnlySpan<double> x, double s)
    {
        int n = Count, f = F;
        Scratch sc = _scratch;
        double signal = Signal, target = Fidelity.Target;
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<double> xi = _x.AsSpan(i * f, f);
            double kx = MaternWithSlope(x, xi, _inverseSquaredLengthscales).Value;
            double kb = Fidelity.HasBias ? MaternWithSlope(x, xi, _inverseSquaredBiasLengthscales).Value : 0;
            sc.Va[i] = signal * ((kx * Fidelity.Scale(_s[i], s)) + (kb * Fidelity.BiasScale(_s[i], s)));
            sc.Vb[i] = signal * Fidelity.Covariance(kx, kb, _s[i], target);
        }

        (double aa, double bb, double ab) = SolveAndProject(sc);

        double variance = Math.Max((signal * (Fidelity.Scale(s, s) + Fidelity.BiasScale(s, s))) - aa, MinimumVariance);
        double targetVariance = Math.Max((signal * Fidelity.Covariance(1, 1, target, target)) - bb, MinimumVariance);
        double covariance = (signal * (Fidelity.Scale(s, target) + Fidelity.BiasScale(s, target))) - ab;
        return covariance * covariance / ((variance + NoiseVariance) * targetVariance);
    }

    /// <summary>Predicts the mean and variance at m points (m×f), all at the fidelity coordinate <paramref name="level"/>, batched.</summary>
    public void PredictLevelMany(ReadOnlySpan<double> points, int m, double level, Span<double> means, Span<double> variances, BatchBuffers buffers)
    {
        int n = Count;
        double signal = Signal;
        Span<double> kt = buffers.First(n * m);
        KernelMatrix.Cross(KernelKind.Matern52, _x.AsSpan(0, n * F), n, points, m, F, _lengthscales, 1, kt);
        Span<double> kb = BiasCross(points, m, buffers);
        means[..m].Clear();
        for (int i = 0; i < n; i++)
        {
            Span<double> row = kt.Slice(i * m, m);
            ReadOnlySpan<double> rowBias = kb.IsEmpty ? row : kb.Slice(i * m, m);
            double a = _alpha[i];
            for (int j = 0; j < m; j++)
            {
                row[j] = signal * Fidelity.Covariance(row[j], rowBias[j], _s[i], level);
                means[j] += a * row[j];
            }
        }

        TriangularSolve.SolveLowerMany(_l, n, n, kt, m);
        variances[..m].Fill(signal * Fidelity.Covariance(1, 1, level, level));
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<double> row = kt.Slice(i * m, m);
            for (int j = 0; j < m; j++)
            {
                variances[j] -= row[j] * row[j];
            }
        }

        for (int j = 0; j < m; j++)
        {
            variances[j] = Math.Max(variances[j], MinimumVariance);
        }
    }

    /// <summary>The bias kernel k_b(X, points), n×m, or an empty span for a fidelity kernel without a bias.</summary>
    private Span<double> BiasCross(ReadOnlySpan<double> points, int m, BatchBuffers buffers)
    {
        if (!Fidelity.HasBias)
        {
            return default;
        }

        int n = Count;
        Span<double> kb = buffers.Second(n * m);
        KernelMatrix.Cross(KernelKind.Matern52, _x.AsSpan(0, n * F), n, points, m, F, _biasLengthscales, 1, kb);
        return kb;
    }

    /// <summary>The unit Matérn-5/2 at scaled squared distance r², and its slope factor (dk/dx_c = slope·(x_c − x′_c)/ℓ_c²).</summary>
    private static (double Value, double Slope) MaternWithSlope(double r2)
    {
        double r = Math.Sqrt(r2);
        double e = Math.Exp(-Sqrt5 * r);
        return ((1 + (Sqrt5 * r) + (5.0 / 3 * r2)) * e, -(5.0 / 3) * (1 + (Sqrt5 * r)) * e);
    }

    private static (double Value, double Slope) MaternWithSlope(ReadOnlySpan<double> x, ReadOnlySpan<double> xi, double[] inverseSquaredLengthscales)
    {
        double r2 = 0;
        for (int c = 0; c < xi.Length; c++)
        {
            double d = x[c] - xi[c];
            r2 += d * d * inverseSquaredLengthscales[c];
        }

        return MaternWithSlope(r2);
    }

    /// <summary>Reusable n×m buffers for <see cref="PredictLevelMany"/>.</summary>
    internal sealed class BatchBuffers
    {
        private double[] _first = [], _second = [];

        public Span<double> First(int length) => Grow(ref _first, length);

        public Span<double> Second(int length) => Grow(ref _second, length);

        private static Span<double> Grow(ref double[] buffer, int length)
        {
            if (buffer.Length < length)
            {
                buffer = new double[length];
            }

            return buffer.AsSpan(0, length);
        }
    }

    /// <summary>
    /// Replaces the covariance vectors in <c>Va</c> and <c>Vb</c> by L⁻¹·Va and L⁻¹·Vb and returns their inner products
    /// ‖Va‖², ‖Vb‖² and Va·Vb: the variance reductions and the covariance reduction of the two predictions.
    /// </summary>
    private (double Aa, double Bb, double Ab) SolveAndProject(Scratch sc)
    {
        int n = Count;
        TriangularSolve.SolveLower(_l, n, n, sc.Va.AsSpan(0, n));
        TriangularSolve.SolveLower(_l, n, n, sc.Vb.AsSpan(0, n));
        double aa = 0, bb = 0, ab = 0;
        for (int i = 0; i < n; i++)
        {
            aa += sc.Va[i] * sc.Va[i];
            bb += sc.Vb[i] * sc.Vb[i];
            ab += sc.Va[i] * sc.Vb[i];
        }

        return (aa, bb, ab);
    }
}
