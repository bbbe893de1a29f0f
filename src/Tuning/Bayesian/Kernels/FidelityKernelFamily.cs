using Tuning.Bayesian.Models;

namespace Tuning.Bayesian.Kernels;

/// <summary>
/// The kernels of <see cref="FidelityKernel"/> over a feature map and a fidelity part: θ = [log ℓ_1 … log ℓ_P, φ,
/// log σ², log ℓ_b,1 … log ℓ_b,P], the x-kernel's lengthscales, the fidelity part's hyperparameters, the signal
/// variance, and, for a fidelity part with a bias (<see cref="IFidelityKernel.HasBias"/>), the bias's own lengthscales.
/// The lengthscale and signal priors are those of <see cref="MaternKernelFamily"/> (the bias's lengthscales take the
/// same prior); the fidelity part brings its own.
/// </summary>
internal sealed class FidelityKernelFamily : IKernelFamily
{
    private static readonly (double Shift, int FidelityVariant)[] StartVariants = [(0.0, 0), (-1.5, 0), (0.0, 1)];

    private readonly FeatureMap _map;
    private readonly IFidelityKernel _template;
    private readonly HyperparameterPrior _prior;
    private readonly Workspace _workspace = new();

    public FidelityKernelFamily(FeatureMap map, IFidelityKernel template)
    {
        _map = map;
        _template = template;
        _prior = new HyperparameterPrior(map.Parameters);
    }

    public int Count => FidelityKernel.Count(P, _template);

    public int Starts => StartVariants.Length;

    public int Width => _map.Columns + 1;

    private int P => _map.Parameters;

    private int Q => _template.ParameterCount;

    private int BiasIndex => P + Q + 1;

    public IKernel Create(ReadOnlySpan<double> theta)
    {
        double[] lengthscales = new double[P];
        for (int i = 0; i < P; i++)
        {
            lengthscales[i] = Math.Exp(theta[i]);
        }

        double[] bias = lengthscales;
        if (_template.HasBias)
        {
            bias = new double[P];
            for (int i = 0; i < P; i++)
            {
                bias[i] = Math.Exp(theta[BiasIndex + i]);
            }
        }

        return new FidelityKernel(_map, lengthscales, bias, _template.With(theta.Slice(P, Q)), Math.Exp(theta[P + Q]), _workspace);
    }

    public void Bounds(Span<double> lower, Span<double> upper)
    {
        lower[..P].Fill(MaternKernelFamily.MinLogLengthscale);
        upper[..P].Fill(MaternKernelFamily.MaxLogLengthscale);
        _template.Bounds(lower.Slice(P, Q), upper.Slice(P, Q));
        (lower[P + Q], upper[P + Q]) = (MaternKernelFamily.MinLogSignal, MaternKernelFamily.MaxLogSignal);
        if (_template.HasBias)
        {
            lower.Slice(BiasIndex, P).Fill(MaternKernelFamily.MinLogLengthscale);
            upper.Slice(BiasIndex, P).Fill(MaternKernelFamily.MaxLogLengthscale);
        }
    }

    /// <summary>Variants: the prior's centre; lengthscales e^1.5 times shorter; a small bias (or weakly related tasks).</summary>
    public void Initial(Span<double> theta, int variant)
    {
        (double shift, int fidelityVariant) = StartVariants[variant];
        theta[..P].Fill(_prior.LengthscaleLogMean + shift);
        _template.Initial(theta.Slice(P, Q), fidelityVariant);
        theta[P + Q] = 0;
        if (_template.HasBias)
        {
            theta.Slice(BiasIndex, P).Fill(_prior.LengthscaleLogMean + shift); // the bias starts from the target's lengthscales
        }
    }

    public double AddLogPrior(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        double logPrior = _prior.AddLengthscales(theta[..P], gradient[..P]);
        logPrior += HyperparameterPrior.AddSignal(theta[P + Q], ref gradient[P + Q]);
        if (_template.HasBias)
        {
            logPrior += _prior.AddLengthscales(theta.Slice(BiasIndex, P), gradient.Slice(BiasIndex, P));
        }

        return logPrior + _template.AddLogPrior(theta.Slice(P, Q), gradient.Slice(P, Q));
    }

    /// <summary>
    /// Buffers shared by the kernels of one family for the fit: the features and fidelities of the training rows and
    /// their unit Matérn matrices, which <see cref="FidelityKernel.Symmetric"/> fills and
    /// <see cref="FidelityKernel.LikelihoodGradient"/> reads. A fit uses one kernel at a time.
    /// </summary>
    internal sealed class Workspace
    {
        private double[] _features = [], _s = [], _kx = [], _kb = [], _wb = [];

        public (double[] Features, double[] S) Split(ReadOnlySpan<double> x, int n, int f)
        {
            Grow(ref _features, n * f);
            Grow(ref _s, n);
            for (int i = 0; i < n; i++)
            {
                x.Slice(i * (f + 1), f).CopyTo(_features.AsSpan(i * f, f));
                _s[i] = x[(i * (f + 1)) + f];
            }

            return (_features, _s);
        }

        public double[] Kx(int n) => Grow(ref _kx, n * n);

        public double[] Kb(int n) => Grow(ref _kb, n * n);

        public double[] Wb(int n) => Grow(ref _wb, n * n);

        private static double[] Grow(ref double[] buffer, int length)
        {
            if (buffer.Length < length)
            {
                buffer = new double[length];
            }

            return buffer;
        }
    }
}
