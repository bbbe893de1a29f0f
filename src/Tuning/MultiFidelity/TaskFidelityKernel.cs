namespace Tuning.MultiFidelity;

/// <summary>
/// The fidelity part for tasks: a free-form task covariance B = L·Lᵀ (the intrinsic coregionalization model of Bonilla,
/// Chai and Williams, "Multi-task Gaussian process prediction", NeurIPS 2007, as in Swersky, Snoek and Adams'
/// multi-task BO and BoTorch's <c>MultiTaskGP</c>), so the covariance is k_x·B_ij for task indices i, j, plus an
/// independent shift of each task other than the target, c·[i = j ≠ target] (a proxy task's values may sit on another
/// level altogether).
/// </summary>
/// <remarks>
/// L is lower triangular with a positive diagonal, so B is positive definite for every φ: φ holds, row by row, log L_ii
/// on the diagonal and L_ij below it, then log c. Every entry of L has a N(φ₀, 1) prior around the Cholesky factor of
/// the correlation matrix with 0.75 off the diagonal: tasks are proxies of the target, so a positive correlation is the
/// prior guess that the data then confirm or refute (a negative one can be learned too); log c ~ N(0, 2²).
/// </remarks>
internal sealed class TaskFidelityKernel : IFidelityKernel
{
    private const double PriorCorrelation = 0.75, OffsetLogSd = 2;

    private readonly int _tasks;
    private readonly double[] _phi;
    private readonly double[] _l;      // T×T lower triangle, row-major
    private readonly double[] _b;      // T×T
    private readonly double[] _centre; // the prior's centre
    private readonly double _offset;

    public TaskFidelityKernel(int tasks, int target)
        : this(tasks, target, PriorCentre(tasks))
    {
    }

    private TaskFidelityKernel(int tasks, int target, ReadOnlySpan<double> phi)
    {
        _tasks = tasks;
        Target = target;
        _phi = phi.ToArray();
        _centre = PriorCentre(tasks);
        _offset = Math.Exp(_phi[^1]);
        _l = new double[tasks * tasks];
        _b = new double[tasks * tasks];
        int k = 0;
        for (int i = 0; i < tasks; i++)
        {
            for (int j = 0; j <= i; j++, k++)
            {
                _l[(i * tasks) + j] = i == j ? Math.Exp(_phi[k]) : _phi[k];
            }
        }

        for (int i = 0; i < tasks; i++)
        {
            for (int j = 0; j < tasks; j++)
            {
                double sum = 0;
                for (int m = 0; m <= Math.Min(i, j); m++)
                {
                    sum += _l[(i * tasks) + m] * _l[(j * tasks) + m];
                }

                _b[(i * tasks) + j] = sum;
            }
        }
    }

    public int ParameterCount => (_tasks * (_tasks + 1) / 2) + 1;

    public double Target { get; }

    public bool HasBias => false;

    public double Covariance(double kx, double kb, double a, double b) => (kx * Scale(a, b)) + Offset(a, b);

    public double Scale(double a, double b) => _b[((int)a * _tasks) + (int)b];

    public double BiasScale(double a, double b) => 0;

    public void ParameterGradient(double kx, double kb, double a, double b, Span<double> gradient)
    {
        // ∂B_ij/∂L_rc = δ_ir·L_jc + δ_jr·L_ic; a diagonal entry is held as its log, so times L_rr.
        int i = (int)a, j = (int)b, k = 0;
        for (int r = 0; r < _tasks; r++)
        {
            for (int c = 0; c <= r; c++, k++)
            {
                double g = (i == r ? _l[(j * _tasks) + c] : 0) + (j == r ? _l[(i * _tasks) + c] : 0);
                gradient[k] = kx * (r == c ? g * _l[(r * _tasks) + r] : g);
            }
        }

        gradient[k] = Offset(a, b);
    }

    public IFidelityKernel With(ReadOnlySpan<double> phi) => new TaskFidelityKernel(_tasks, (int)Target, phi);

    public void Initial(Span<double> phi, int variant)
    {
        // The alternative start has weakly related tasks.
        (variant == 0 ? _centre : PriorCentre(_tasks, 0.2)).CopyTo(phi);
    }

    public void Bounds(Span<double> lower, Span<double> upper)
    {
        int k = 0;
        for (int r = 0; r < _tasks; r++)
        {
            for (int c = 0; c <= r; c++, k++)
            {
                (lower[k], upper[k]) = r == c ? (Math.Log(1e-3), Math.Log(30)) : (-30, 30);
            }
        }

        (lower[k], upper[k]) = (Math.Log(1e-4), Math.Log(1e3));
    }

    public double AddLogPrior(ReadOnlySpan<double> phi, Span<double> gradient)
    {
        double logPrior = 0;
        for (int k = 0; k < phi.Length - 1; k++)
        {
            double t = phi[k] - _centre[k];
            logPrior -= 0.5 * t * t;
            gradient[k] += -t;
        }

        double tc = phi[^1] / OffsetLogSd;
        gradient[phi.Length - 1] += -tc / OffsetLogSd;
        return logPrior - (0.5 * tc * tc);
    }

    public void CopyTo(Span<double> phi) => _phi.CopyTo(phi);

    private double Offset(double a, double b) => a == b && a != Target ? _offset : 0;

    /// <summary>φ of the Cholesky factor of the correlation matrix with <paramref name="correlation"/> off the diagonal, and c = 1.</summary>
    private static double[] PriorCentre(int tasks, double correlation = PriorCorrelation)
    {
        double[] c = new double[tasks * tasks];
        for (int i = 0; i < tasks; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double sum = i == j ? 1 : correlation;
                for (int m = 0; m < j; m++)
                {
                    sum -= c[(i * tasks) + m] * c[(j * tasks) + m];
                }

                c[(i * tasks) + j] = i == j ? Math.Sqrt(sum) : sum / c[(j * tasks) + j];
            }
        }

        double[] phi = new double[(tasks * (tasks + 1) / 2) + 1]; // the last, log c, is 0
        int k = 0;
        for (int i = 0; i < tasks; i++)
        {
            for (int j = 0; j <= i; j++, k++)
            {
                phi[k] = i == j ? Math.Log(c[(i * tasks) + j]) : c[(i * tasks) + j];
            }
        }

        return phi;
    }
}
