using Tuning.Bayesian.Optimizers;

namespace Tuning.Tests.Bayesian.Optimizers;

public class SearchBoxTests
{
    private static readonly SearchSpace Space = new SearchSpaceBuilder()
        .Float("a", 0, 1)
        .Float("b", 0, 1)
        .Categorical("c", "x", "y", "z")
        .Float("d", 0, 1, when: ("c", "y"))
        .Build();

    [Fact]
    public void The_reach_along_each_parameter_follows_its_lengthscale_relative_to_their_geometric_mean()
    {
        // Lengthscales 0.5 and 2 (geometric mean 1 over the four parameters with 1 and 1): reaches 0.1 and 0.4.
        SearchBox box = SearchBox.TrustRegion(Space, [0.5, 0.5, 0.5, 0.5], [0.5, 2, 1, 1], halfWidth: 0.2);
        Assert.Equal(0.4, box.Low[0], 1e-12);
        Assert.Equal(0.6, box.High[0], 1e-12);
        Assert.Equal(0.1, box.Low[1], 1e-12);
        Assert.Equal(0.9, box.High[1], 1e-12);
    }

    [Fact]
    public void The_box_is_clipped_to_the_cube_and_leaves_categorical_and_inactive_parameters_their_whole_range()
    {
        SearchBox box = SearchBox.TrustRegion(Space, [0.95, 0.02, 0.5, double.NaN], [1, 1, 1, 1], halfWidth: 0.2);
        Assert.Equal(0.75, box.Low[0], 1e-12);
        Assert.Equal(1.0, box.High[0]);
        Assert.Equal(0.0, box.Low[1]);
        Assert.Equal(0.22, box.High[1], 1e-12);
        Assert.Equal((0.0, 1.0), (box.Low[2], box.High[2]));
        Assert.Equal((0.0, 1.0), (box.Low[3], box.High[3]));
    }

    [Fact]
    public void A_very_short_or_long_lengthscale_is_held_between_a_thousandth_and_half_the_range()
    {
        SearchBox box = SearchBox.TrustRegion(Space, [0.5, 0.5, 0.5, 0.5], [1e-6, 1e6, 1, 1], halfWidth: 0.4);
        Assert.Equal(0.5 - 1e-3, box.Low[0], 1e-12);
        Assert.Equal(0.5 + 1e-3, box.High[0], 1e-12);
        Assert.Equal((0.0, 1.0), (box.Low[1], box.High[1]));
    }
}
