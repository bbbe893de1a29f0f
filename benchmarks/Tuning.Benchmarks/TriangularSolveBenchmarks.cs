using BenchmarkDotNet.Attributes;
using Tuning.Numerics;

namespace Tuning.Benchmarks;

/// <summary>
/// L·X = B with n = 1000 and 2048 right-hand sides (B n×m row-major, the posterior-variance layout): SIMD vs the scalar
/// twin. Each method first restores B from a saved copy (the solve is in place); <see cref="CopyOnly"/> measures that.
/// </summary>
public class TriangularSolveBenchmarks
{
    private double[] _l = [];
    private double[] _b = [];
    private double[] _work = [];

    [Params(1000)]
    public int N { get; set; }

    [Params(2048)]
    public int M { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _l = ReferenceMatrices.Kernel(N);
        if (!Cholesky.Factor(_l, N, N).IsSuccess)
        {
            throw new InvalidOperationException("The reference matrix must factor.");
        }

        var random = new Random(2);
        _b = new double[N * M];
        for (int i = 0; i < _b.Length; i++)
        {
            _b[i] = random.NextDouble() - 0.5;
        }

        _work = new double[_b.Length];
    }

    [Benchmark]
    public double Simd()
    {
        _b.AsSpan().CopyTo(_work);
        TriangularSolve.SolveLowerMany(_l, N, N, _work, M);
        return _work[^1];
    }

    [Benchmark(Baseline = true)]
    public double Scalar()
    {
        _b.AsSpan().CopyTo(_work);
        TriangularSolveScalar.SolveLowerMany(_l, N, N, _work, M);
        return _work[^1];
    }

    [Benchmark]
    public double CopyOnly()
    {
        _b.AsSpan().CopyTo(_work);
        return _work[^1];
    }
}
