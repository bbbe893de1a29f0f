using BenchmarkDotNet.Attributes;
using MathNet.Numerics.LinearAlgebra;
using Tuning.Numerics;

namespace Tuning.Benchmarks;

/// <summary>
/// Cholesky factorization of the reference matrices of <c>shared/tools/lapack-reference/potrf.c</c>, single thread.
/// Every method starts from a fresh copy of K (factorization is in place); <see cref="CopyOnly"/> measures that copy so
/// it can be subtracted when comparing with dpotrf, whose reference timing excludes its memcpy.
/// </summary>
[MemoryDiagnoser]
[IterationCount(15)]
public class CholeskyBenchmarks
{
    private double[] _k = [];
    private double[] _work = [];
    private Matrix<double> _dense = null!;

    [Params(100, 200, 500, 1000, 2000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // The targets are single-threaded: keep MathNet's managed provider off the thread pool too.
        global::MathNet.Numerics.Control.UseSingleThread();
        _k = ReferenceMatrices.Kernel(N);
        _work = new double[_k.Length];
        _dense = Matrix<double>.Build.Dense(N, N, (i, j) => _k[(i * N) + j]);
    }

    [Benchmark]
    public double Tuning()
    {
        _k.AsSpan().CopyTo(_work);
        CholeskyResult result = Cholesky.Factor(_work, N, N);
        return result.IsSuccess ? _work[^1] : throw new InvalidOperationException(result.ToString());
    }

    [Benchmark]
    public double TuningTwoThreads()
    {
        _k.AsSpan().CopyTo(_work);
        CholeskyResult result = Cholesky.Factor(_work, N, N, parallel: true);
        return result.IsSuccess ? _work[^1] : throw new InvalidOperationException(result.ToString());
    }

    [Benchmark(Baseline = true)]
    public double MathNet() => _dense.Cholesky().Factor[N - 1, N - 1];

    [Benchmark]
    public double Scalar()
    {
        _k.AsSpan().CopyTo(_work);
        CholeskyResult result = CholeskyScalar.Factor(_work, N, N);
        return result.IsSuccess ? _work[^1] : throw new InvalidOperationException(result.ToString());
    }

    [Benchmark]
    public double CopyOnly()
    {
        _k.AsSpan().CopyTo(_work);
        return _work[^1];
    }
}
