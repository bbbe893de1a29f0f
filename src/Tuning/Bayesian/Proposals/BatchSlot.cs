namespace Tuning.Bayesian.Proposals;

/// <summary>Which point of a batch a proposal is asked for: its index (from 0) among the batch's <paramref name="Count"/> points.</summary>
/// <param name="Index">The point's index in the batch, from 0.</param>
/// <param name="Count">The number of points in the batch (1 for a sequential ask).</param>
internal readonly record struct BatchSlot(int Index, int Count)
{
    /// <summary>
    /// Gets whether the point is in the batch's later half, from index ⌈Count / 2⌉ on and never among the first two:
    /// none of a batch of one or two, the last two of four, the last four of eight.
    /// </summary>
    public bool IsInLaterHalf => Index >= Math.Max(2, (Count + 1) / 2);

    /// <summary>
    /// Gets whether the point is the batch's second, which minimizes the posterior mean instead of maximizing LogEI: the
    /// exploitation step of every batch of two or more (see <see cref="SingleObjectiveProposal"/>).
    /// </summary>
    public bool IsExploiting => Index == 1;

    /// <summary>
    /// The slot of a single ask while <paramref name="running"/> other trials run (parallel workers asking one trial
    /// each): a point of a batch of running + 1, whose index cycles with the number of trials so far, so that in turn
    /// the asks take every role a batch's points have.
    /// </summary>
    /// <param name="trials">The number of trials in the study so far, running ones included.</param>
    /// <param name="running">The number of running trials (0 for a sequential ask).</param>
    public static BatchSlot ForSingleAsk(int trials, int running) => new(trials % (running + 1), running + 1);
}
