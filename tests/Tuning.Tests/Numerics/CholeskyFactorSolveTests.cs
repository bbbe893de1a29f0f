using FsCheck.Xunit;
using MathNet.Numerics.LinearAlgebra;
using Tuning.Numerics;

namespace Tuning.Tests.Numerics;

public class CholeskyFactorSolveTests
{
    private const string Seed = "(31415926,2718281)";

    [Property(MaxTest = 30, Replay = Seed, Arbitrary = [typeof(NumericsArbitraries)])]
    public bool Solve_log_determinant_and_inverse_agree_with_MathNet(SpdCase spd)
    {
        int n = spd.N;
        double[] k = NumericsData.WellConditionedSpd(n, spd.Seed);
        var random = new Random(spd.Seed);
        double[] b = NumericsData.Normal(random, n);
        Matrix<double> dense = Matrix<double>.Build.Dense(n, n, (i, j) => k[(i * n) + j]);
        var mathNet = dense.Cholesky();
        double[] expected = mathNet.Solve(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(b)).ToArray();
        double[] expectedInverse = dense.Inverse().ToRowMajorArray();

        if (!CholeskyFactor.TryCreate(k, n, out CholeskyFactor? factor).IsSuccess)
        {
            return false;
        }

        double[] x = factor!.Solve(b);
        double[] inverse = factor.Inverse();
        return NumericsData.RelativeDifference(x, expected, n) <= 1e-12
            && Math.Abs(factor.LogDeterminant - mathNet.DeterminantLn) <= 1e-12 * Math.Max(1, Math.Abs(mathNet.DeterminantLn))
            && NumericsData.RelativeDifference(inverse, expectedInverse, n * n) <= 1e-12;
    }

    [Property(MaxTest = 30, Replay = Seed, Arbitrary = [typeof(NumericsArbitraries)])]
    public bool Triangular_solves_agree_with_MathNet_dense_solves(SpdCase spd)
    {
        int n = spd.N;
        var random = new Random(spd.Seed);
        int m = random.Next(1, 40);
        if (!CholeskyFactor.TryCreate(NumericsData.WellConditionedSpd(n, spd.Seed), n, out CholeskyFactor? factor).IsSuccess)
        {
            return false;
        }

        Matrix<double> l = Matrix<double>.Build.Dense(n, n, (i, j) => factor![i, j]);
        double[] b = NumericsData.Normal(random, n * m);
        Matrix<double> bMatrix = Matrix<double>.Build.Dense(n, m, (i, j) => b[(i * m) + j]);
        double[] lower = l.Solve(bMatrix).ToRowMajorArray();
        double[] upper = l.Transpose().Solve(bMatrix).ToRowMajorArray();

        double[] many = (double[])b.Clone();
        factor!.SolveLowerMany(many, m);
        double[] manyTransposed = (double[])b.Clone();
        factor.SolveLowerTransposedMany(manyTransposed, m);
        double[] column = new double[n];
        double[] columnTransposed = new double[n];
        for (int i = 0; i < n; i++)
        {
            column[i] = columnTransposed[i] = b[i * m];
        }

        factor.SolveLower(column);
        factor.SolveLowerTransposed(columnTransposed);
        double[] expectedColumn = Enumerable.Range(0, n).Select(i => lower[i * m]).ToArray();
        double[] expectedColumnTransposed = Enumerable.Range(0, n).Select(i => upper[i * m]).ToArray();
        return NumericsData.RelativeDifference(many, lower, n * m) <= 1e-12
            && NumericsData.RelativeDifference(manyTransposed, upper, n * m) <= 1e-12
            && NumericsData.RelativeDifference(column, expectedColumn, n) <= 1e-12
            && NumericsData.RelativeDifference(columnTransposed, expectedColumnTransposed, n) <= 1e-12;
    }

    [Fact]
    public void Many_right_hand_side_solves_match_the_scalar_twins_for_every_count_around_the_vector_width()
    {
        foreach (int n in new[] { 1, 5, 24, 25, 60, 131 })
        {
            double[] l = NumericsData.WellConditionedSpd(n, n);
            Assert.True(Cholesky.Factor(l, n, n).IsSuccess);
            for (int m = 0; m <= 25; m++)
            {
                double[] b = NumericsData.Normal(new Random((n * 100) + m), n * m);
                double[] fast = (double[])b.Clone(), plain = (double[])b.Clone();
                TriangularSolve.SolveLowerMany(l, n, n, fast, m);
                TriangularSolveScalar.SolveLowerMany(l, n, n, plain, m);
                Assert.True(NumericsData.RelativeDifference(fast, plain, n * m) <= 1e-13, $"lower n={n} m={m}");

                fast = (double[])b.Clone();
                plain = (double[])b.Clone();
                TriangularSolve.SolveLowerTransposedMany(l, n, n, fast, m);
                TriangularSolveScalar.SolveLowerTransposedMany(l, n, n, plain, m);
                Assert.True(NumericsData.RelativeDifference(fast, plain, n * m) <= 1e-13, $"upper n={n} m={m}");
            }
        }
    }

    [Fact]
    public void Single_right_hand_side_solves_match_the_scalar_twins()
    {
        for (int n = 0; n <= 40; n++)
        {
            double[] l = NumericsData.WellConditionedSpd(n, n + 7);
            Assert.True(Cholesky.Factor(l, n, Math.Max(n, 1)).IsSuccess);
            double[] b = NumericsData.Normal(new Random(n), n);
            double[] fast = (double[])b.Clone(), plain = (double[])b.Clone();
            TriangularSolve.SolveLower(l, n, Math.Max(n, 1), fast);
            TriangularSolveScalar.SolveLower(l, n, Math.Max(n, 1), plain);
            Assert.True(NumericsData.RelativeDifference(fast, plain, n) <= 1e-13, $"lower n={n}");
            fast = (double[])b.Clone();
            plain = (double[])b.Clone();
            TriangularSolve.SolveLowerTransposed(l, n, Math.Max(n, 1), fast);
            TriangularSolveScalar.SolveLowerTransposed(l, n, Math.Max(n, 1), plain);
            Assert.True(NumericsData.RelativeDifference(fast, plain, n) <= 1e-13, $"upper n={n}");
        }
    }

    [Fact]
    public void Posterior_variance_from_many_solves_matches_one_at_a_time()
    {
        // var_j = σ² − ‖L⁻¹k_j‖² with k_j = K(X, x*_j): the batched path and the one-candidate path agree.
        var random = new Random(8);
        const int n = 90, m = 37, d = 3;
        double[] x = NumericsData.Uniform(random, n * d, 0, 1);
        double[] candidates = NumericsData.Uniform(random, m * d, 0, 1);
        double[] lengthscales = [0.4, 0.5, 0.6];
        var k = new double[n * n];
        KernelMatrix.Symmetric(KernelKind.Matern52, x, n, d, lengthscales, 1.0, k);
        for (int i = 0; i < n; i++)
        {
            k[(i * n) + i] += 1e-4;
        }

        Assert.True(CholeskyFactor.TryCreate(k, n, out CholeskyFactor? factor).IsSuccess);
        var cross = new double[n * m];
        KernelMatrix.Cross(KernelKind.Matern52, x, n, candidates, m, d, lengthscales, 1.0, cross);
        factor!.SolveLowerMany(cross, m);
        var explained = new double[m];
        CholeskyFactor.ColumnSumsOfSquares(cross, n, m, explained);

        var kStar = new double[n];
        for (int j = 0; j < m; j++)
        {
            KernelMatrix.Cross(KernelKind.Matern52, x, n, candidates.AsSpan(j * d, d), 1, d, lengthscales, 1.0, kStar);
            factor.SolveLower(kStar);
            double expected = kStar.Sum(v => v * v);
            Assert.Equal(expected, explained[j], 12);
            Assert.InRange(1.0 - explained[j], -1e-9, 1.0);
        }
    }

    [Theory]
    [InlineData(70, 0)]
    [InlineData(129, 150)] // a row stride above the order, and more than two blocks of the triangular passes
    public void Inverse_is_symmetric_and_inverts(int n, int capacity)
    {
        double[] k = NumericsData.WellConditionedSpd(n, 70);
        Assert.True(CholeskyFactor.TryCreate(k, n, out CholeskyFactor? factor, capacity).IsSuccess);
        double[] inverse = factor!.Inverse();
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                Assert.Equal(inverse[(i * n) + j], inverse[(j * n) + i]);
                double s = 0;
                for (int p = 0; p < n; p++)
                {
                    s += k[(i * n) + p] * inverse[(p * n) + j];
                }

                Assert.Equal(i == j ? 1.0 : 0.0, s, 12);
            }
        }
    }

    [Fact]
    public void Solve_accepts_the_same_span_for_input_and_output()
    {
        double[] k = NumericsData.WellConditionedSpd(12, 3);
        Assert.True(CholeskyFactor.TryCreate(k, 12, out CholeskyFactor? factor).IsSuccess);
        double[] b = NumericsData.Normal(new Random(1), 12);
        double[] expected = factor!.Solve(b);
        factor.Solve(b, b);
        Assert.Equal(expected, b);
    }
}
