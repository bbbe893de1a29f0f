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
}
