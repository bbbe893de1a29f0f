using Tuning.Quality.Problems;

namespace Tuning.Quality.Tests;

/// <summary>Branin with diverged runs: how much of the box "diverges" (23/75, 31%), as its description and the README say.</summary>
public sealed class DivergedRunsTests
{
    [Fact]
    public void Nearly_a_third_of_the_box_is_told_as_1e300()
    {
        var problem = new DivergedRuns();
        const int Steps = 300;
        int diverged = 0, all = 0;
        for (int i = 0; i <= Steps; i++)
        {
            for (int j = 0; j <= Steps; j++)
            {
                ParameterValues x = problem.Space.Decode([i / (double)Steps, j / (double)Steps]);
                diverged += problem.TrueValue(x) == 1e300 ? 1 : 0;
                all++;
            }
        }

        // x1 > 7 is a fifth of [−5, 10], x2 > 13 two fifteenths of [0, 15]: together 1 − (4/5)·(13/15) = 23/75.
        Assert.Equal(23.0 / 75, diverged / (double)all, precision: 2);
    }
}
