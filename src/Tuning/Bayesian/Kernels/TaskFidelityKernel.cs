namespace Tuning.Bayesian.Kernels;

/// <summary>
/// The fidelity part for tasks, in the autoregressive form of Kennedy and O'Hagan ("Predicting the output from a
/// complex computer code when fast approximations are available", Biometrika 2000), used for multi-fidelity BO by
/// Forrester et al. (2007) and Le Gratiet (2014): the target task is g(x), and every other task i is
/// f_i(x) = ρ_i·g(x) + δ_i(x) + m_i, a scaled copy of the target plus a discrepancy δ_i with the bias's own x-kernel
/// and a variance v_i of its own, plus a constant shift m_i of variance c. So k_s(i, j) = ρ_i·ρ_j (ρ = 1 at the
/// target), k_β(i, j) = v_i·[i = j ≠ target] and k_o(i, j) = c·[i = j ≠ target].
/// </summary>
/// <remarks>
/// <para>
/// Unlike a free-form task covariance (the intrinsic coregionalization model of Bonilla, Chai and Williams, NeurIPS
/// 2007) over one shared x-kernel, this keeps the target's kernel the target's own: its lengthscales and σ² describe
/// g, and a proxy whose optimum lies elsewhere is explained by a small ρ_i and a large discrepancy with lengthscales of
/// its own, rather than by bending the target's lengthscales. It has no scale redundancy (the target's variance is σ²),
/// so on data at the target alone the model is exactly the single-fidelity GP.
/// </para>
/// <para>
/// φ = [ρ_1 … ρ_{T−1}, log v_1 … log v_{T−1}, log c] over the tasks other than the target, in index order. Priors:
/// ρ_i ~ N(0.75, 0.5²) (a proxy is presumed related, positively, until the data say otherwise; a negative ρ can be
/// learned), log v_i ~ N(log 0.25, 1.5²), log c ~ N(0, 2²).
/// </para>
/// </remarks>
internal sealed class TaskFidelityKernel : IFidelityKernel
{
    private const double RhoMean = 0.75, RhoSd = 0.5, LogVarianceSd = 1.5, OffsetLogSd = 2;
    private static readonly double LogVarianceMean = Math.Log(0.25);

    private readonly int _tasks;
    private readonly int _target;
    private readonly double[] _phi;
    private readonly double[] _rho;      // per task, 1 at the target
    private readonly double[] _variance; // per task, 0 at the target
    private readonly double _offset;

    public TaskFidelityKernel(int tasks, int target)
        : this(tasks, target, PriorCentre(tasks))
    {
    }

    private TaskFidelityKernel(int tasks, int target, ReadOnlySpan<double> phi, bool withOffset = true)
    {
        _tasks = tasks;
        _target = target;
        _phi = phi.ToArray();
        _rho = new double[tasks];
        _variance = new double[tasks];
        for (int i = 0; i < tasks; i++)
        {
            int k = Cheap(i);
            _rho[i] = k < 0 ? 1 : phi[k];
            _variance[i] = k < 0 ? 0 : Math.Exp(phi[tasks - 1 + k]);
        }

        _offset = withOffset ? Math.Exp(phi[^1]) : 0;
    }

    public int ParameterCount => (2 * (_tasks - 1)) + 1;

    public double Target => _target;

    public bool HasBias => true;

    /// <summary>Gets ρ_i, the scale of the target in task i (1 for the target).</summary>
    public IReadOnlyList<double> Scales => _rho;

    /// <summary>Gets v_i, the variance of task i's discrepancy relative to σ² (0 for the target).</summary>
    public IReadOnlyList<double> DiscrepancyVariances => _variance;

    public double Covariance(double kx, double kb, double a, double b) => (kx * Scale(a, b)) + (kb * BiasScale(a, b)) + Offset(a, b);

    public double Scale(double a, double b) => _rho[(int)a] * _rho[(int)b];

    public double BiasScale(double a, double b) => (int)a == (int)b ? _variance[(int)a] : 0;

    public void ParameterGradient(double kx, double kb, double a, double b, Span<double> gradient)
    {
        int i = (int)a, j = (int)b, cheap = _tasks - 1;
        gradient.Clear();
        int ki = Cheap(i), kj = Cheap(j);
        if (ki >= 0)
        {
            gradient[ki] += kx * _rho[j];
        }

        if (kj >= 0)
        {
            gradient[kj] += kx * _rho[i];
        }

        if (i == j && ki >= 0)
        {
            gradient[cheap + ki] = kb * _variance[i];
            gradient[^1] = _offset;
        }
    }

    public IFidelityKernel With(ReadOnlySpan<double> phi) => new TaskFidelityKernel(_tasks, _target, phi);

    /// <summary>Variant 0: the prior's centre; otherwise weakly related tasks (ρ = 0.1, v = 1).</summary>
    public void Initial(Span<double> phi, int variant)
    {
        PriorCentre(_tasks).CopyTo(phi);
        if (variant != 0)
        {
            phi[..(_tasks - 1)].Fill(0.1);
            phi.Slice(_tasks - 1, _tasks - 1).Clear();
        }
    }

    public void Bounds(Span<double> lower, Span<double> upper)
    {
        int cheap = _tasks - 1;
        lower[..cheap].Fill(-3);
        upper[..cheap].Fill(3);
        lower.Slice(cheap, cheap).Fill(Math.Log(1e-4));
        upper.Slice(cheap, cheap).Fill(Math.Log(1e2));
        (lower[^1], upper[^1]) = (Math.Log(1e-4), Math.Log(1e3));
    }

    public double AddLogPrior(ReadOnlySpan<double> phi, Span<double> gradient)
    {
        int cheap = _tasks - 1;
        double logPrior = 0;
        for (int k = 0; k < cheap; k++)
        {
            double t = (phi[k] - RhoMean) / RhoSd;
            logPrior -= 0.5 * t * t;
            gradient[k] += -t / RhoSd;
            double u = (phi[cheap + k] - LogVarianceMean) / LogVarianceSd;
            logPrior -= 0.5 * u * u;
            gradient[cheap + k] += -u / LogVarianceSd;
        }

        double tc = phi[^1] / OffsetLogSd;
        gradient[phi.Length - 1] += -tc / OffsetLogSd;
        return logPrior - (0.5 * tc * tc);
    }

    public IFidelityKernel WithoutOffset() => new TaskFidelityKernel(_tasks, _target, _phi, withOffset: false);

    public void CopyTo(Span<double> phi) => _phi.CopyTo(phi);

    private double Offset(double a, double b) => (int)a == (int)b && (int)a != _target ? _offset : 0;

    /// <summary>The index of task i among the tasks other than the target, or −1 for the target.</summary>
    private int Cheap(int task) => task == _target ? -1 : task < _target ? task : task - 1;

    private static double[] PriorCentre(int tasks)
    {
        int cheap = tasks - 1;
        double[] phi = new double[(2 * cheap) + 1];
        phi.AsSpan(0, cheap).Fill(RhoMean);
        phi.AsSpan(cheap, cheap).Fill(LogVarianceMean);
        return phi; // the last, log c, is 0
    }
}
