namespace Tuning.Quality.Tests;

/// <summary>The fidelity suite's plot draws a method's median only where the table shows one.</summary>
public sealed class FidelityPlotTests
{
    private const double None = FidelityCurves.None;

    [Fact]
    public void A_checkpoint_where_half_the_runs_have_no_result_is_not_drawn()
    {
        double[] checkpoints = [1, 2, 3];
        double[][] runs =
        [
            [None, 0.5, 0.1], [None, 0.4, 0.1], [None, None, 0.2], [None, None, 0.3],
        ];

        (double[] costs, double[] logRegrets) = FidelityPlot.MedianCurve(checkpoints, runs);

        // At cost 2 the median lies halfway between 0.5 and "no result": the table prints "—" there, and so must the plot.
        Assert.Equal([3.0], costs);
        Assert.Equal(Math.Log10(0.15), logRegrets[0], precision: 12);
    }
}
