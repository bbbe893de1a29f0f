namespace Tuning.Tests.Suggesters;

public class SobolTests
{
    [Fact]
    public void Primitive_polynomials_come_in_the_known_numbers_per_degree()
    {
        // φ(2^s − 1)/s primitive polynomials of degree s: 1, 1, 2, 2, 6, 6, 18, 16, 48, 60 for s = 1..10.
        ulong[] polynomials = PrimitivePolynomials.First(160);
        int[] perDegree = [.. Enumerable.Range(1, 10).Select(s => polynomials.Count(p => PrimitivePolynomials.Degree(p) == s))];
        Assert.Equal([1, 1, 2, 2, 6, 6, 18, 16, 48, 60], perDegree);
        // The degree-5 ones, by their interior coefficients, as tabulated by Joe and Kuo: 2, 4, 7, 11, 13, 14.
        Assert.Equal([2UL, 4, 7, 11, 13, 14], polynomials.Where(p => PrimitivePolynomials.Degree(p) == 5).Select(p => (p >> 1) & 0xF));
    }

    [FsCheck.Xunit.Property(MaxTest = 50)]
    public void Filling_in_gray_code_order_gives_the_indexed_points(FsCheck.PositiveInt dimension, FsCheck.PositiveInt count, int seed)
    {
        int d = 1 + (dimension.Get % 40), m = count.Get % 300;
        var sobol = new SobolSequence(d, seed);
        double[] filled = new double[m * d], point = new double[d];
        sobol.Fill(m, filled);
        for (int i = 0; i < m; i++)
        {
            sobol.Point(i, point);
            Assert.Equal(point, filled.AsSpan(i * d, d).ToArray());
        }
    }

    [Fact]
    public void The_first_points_of_each_dimension_are_stratified()
    {
        // A (t, s)-sequence in base 2: each of the first 2^k points of every one-dimensional projection falls in its own 1/2^k interval.
        var sobol = new SobolSequence(dimension: 1100, seed: 5);
        const int Points = 256;
        var bins = new bool[1100, Points];
        var point = new double[1100];
        for (int n = 0; n < Points; n++)
        {
            sobol.Point(n, point);
            for (int j = 0; j < point.Length; j++)
            {
                Assert.InRange(point[j], 0, 1);
                int bin = (int)(point[j] * Points);
                Assert.False(bins[j, bin], $"dimension {j} has two of the first {Points} points in bin {bin}");
                bins[j, bin] = true;
            }
        }
    }

    [Fact]
    public void Two_dimensional_projections_cover_the_square_evenly()
    {
        var sobol = new SobolSequence(dimension: 8, seed: 9);
        const int Points = 1024;
        var point = new double[8];
        var cells = new int[8, 8, 16];
        for (int n = 0; n < Points; n++)
        {
            sobol.Point(n, point);
            for (int a = 0; a < 8; a++)
            {
                for (int b = 0; b < 8; b++)
                {
                    cells[a, b, ((int)(point[a] * 4) * 4) + (int)(point[b] * 4)]++;
                }
            }
        }

        for (int a = 0; a < 8; a++)
        {
            for (int b = a + 1; b < 8; b++)
            {
                for (int c = 0; c < 16; c++)
                {
                    Assert.Equal(Points / 16, cells[a, b, c]);
                }
            }
        }
    }

    [Fact]
    public void Suggests_in_a_thousand_dimensions()
    {
        var builder = new SearchSpaceBuilder();
        for (int i = 0; i < 1000; i++)
        {
            builder.Float($"w{i}", -1, 1);
        }

        var study = new Study(builder.Build(), Metric.Minimize("loss"), new SobolSuggester(seed: 3));
        IReadOnlyList<Trial> trials = study.Ask(4);
        Assert.Equal(4, trials.Select(t => t.Parameters).Distinct().Count());
        Assert.All(trials, t => Assert.InRange(t.GetDouble("w999"), -1, 1));
    }
}
