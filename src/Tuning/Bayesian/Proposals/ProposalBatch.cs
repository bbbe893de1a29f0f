namespace Tuning.Bayesian.Proposals;

/// <summary>The batch loop of a model-based suggester: asks a proposal for one candidate at a time, each pending for the next.</summary>
internal static class ProposalBatch
{
    /// <summary>
    /// Proposes <paramref name="count"/> parameter values. When the proposal has nothing left, the
    /// <paramref name="fallback"/> gives the i-th value of the batch instead (a point of the start-up design). A single
    /// ask takes the slot <paramref name="single"/> (see <see cref="BatchSlot.ForSingleAsk"/>), by default the only
    /// point of a batch of one.
    /// </summary>
    public static List<ParameterValues> Run(
        IProposal proposal, SearchSpace space, int count, Random random, Func<int, ParameterValues> fallback, BatchSlot? single = null)
    {
        var suggestions = new List<ParameterValues>(count);
        for (int i = 0; i < count; i++)
        {
            BatchSlot slot = count == 1 && single is BatchSlot only ? only : new BatchSlot(i, count);
            Candidate candidate = proposal.Next(random, slot) is Candidate next ? next : Candidate.Of(fallback(i));
            suggestions.Add(candidate.ToValues(space));
            if (i + 1 < count)
            {
                proposal.AddPending(candidate); // the next point of the batch sees this one as pending
            }
        }

        return suggestions;
    }
}
