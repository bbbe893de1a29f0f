using BenchmarkDotNet.Attributes;
using Tuning.Numerics;

namespace Tuning.Benchmarks;

/// <summary>The symmetric Matérn-5/2 kernel matrix K(X, X) for n = 1000 points in d = 10 dimensions: SIMD vs the scalar twin.</summary>
public class KernelMatrixBenchmarks
{
    private double[] _x = [];
    private double[] _lengthscales = [];
    private double[] _k = [];
    private double[] _w = [];
    private double[] _gradient = [];

    [Params(1000)]
    public int N { get; set; }

    public int D => 10;

    [GlobalSetup]
    public void Setup()
    {
        _x = ReferenceMatrices.Points(N, D);
        _lengthscales = [0.5, 0.8, 1.0, 1.3, 1.6, 2.0, 2.5, 3.0, 4.0, 5.0];
        _k = new double[N * N];
        _w = new double[N * N];
        var random = new Random(1);
        for (int i = 0; i < N; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                _w[(i * N) + j] = _w[(j * N) + i] = random.NextDouble() - 0.5;
            }
        }

        _gradient = new double[D];
    }

    [Benchmark]
    public double Simd()
    {
        KernelMatrix.Symmetric(KernelKind.Matern52, _x, N, D, _lengthscales, 1.0, _k);
        return _k[1];
    }

    [Benchmark(Baseline = true)]
    public double Scalar()
    {
        KernelMatrixScalar.Symmetric(KernelKind.Matern52, _x, N, D, _lengthscales, 1.0, _k);
        return _k[1];
    }

    /// <summary>The log-lengthscale and signal-variance gradient given W (one O(n²d) pass over the lower triangle).</summary>
    [Benchmark]
    public double GradientSimd() => KernelGradient.LogHyperparameterGradient(KernelKind.Matern52, _x, N, D, _lengthscales, 1.0, _w, _gradient);
}
