using Tuning.Bayesian.Proposals;

namespace Tuning.Tests.Bayesian.Proposals;

public class BatchSlotTests
{
    [Theory]
    [InlineData(1, "")]
    [InlineData(2, "")]
    [InlineData(3, "2")]
    [InlineData(4, "2 3")]
    [InlineData(5, "3 4")]
    [InlineData(8, "4 5 6 7")]
    public void The_later_half_of_a_batch_starts_at_half_its_size_rounded_up_and_never_before_the_third_point(int count, string expected)
    {
        IEnumerable<int> later = Enumerable.Range(0, count).Where(i => new BatchSlot(i, count).IsInLaterHalf);
        Assert.Equal(expected, string.Join(' ', later));
    }

    [Theory]
    [InlineData(20, 0, 0, 1)]
    [InlineData(21, 1, 1, 2)]
    [InlineData(22, 1, 0, 2)]
    [InlineData(30, 7, 6, 8)]
    [InlineData(31, 7, 7, 8)]
    public void A_single_ask_while_others_run_is_a_point_of_a_batch_of_them_all_in_turn(int trials, int running, int index, int count)
    {
        Assert.Equal(new BatchSlot(index, count), BatchSlot.ForSingleAsk(trials, running));
    }
}
