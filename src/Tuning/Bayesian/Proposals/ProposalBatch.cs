namespace Tuning.Bayesian.Proposals;

/// <summary>The batch loop of a model-based suggester: asks a proposal for one candidate at a time, each pending for the next.</summary>
internal static class ProposalBatch
{
    /// <summary>
    /// Proposes <paramref name="count"/> parameter values. Once the proposal has nothing left, the
    /// <paramref name="fallback"/> gives the i-th value of the batch instead (a point of the start-up design), for that
    /// point and every later one: the proposal is not searched again, since what it has tried or has pending only grows.
    /// A single ask takes the slot <paramref name="single"/> (see <see cref="BatchSlot.ForSingleAsk"/>), by default the
    /// only point of a batch of one.
    /// </summary>
    public static List<ParameterValues> Run(
        IProposal proposal, SearchSpace space, int count, Random random, Func<int, ParameterValues> fallback, BatchSlot? single = null)
    {
        var suggestions = new List<ParameterValues>(count);
        for (int i = 0; i < count; i++)
        {
            BatchSlot slot = count == 1 && single is BatchSlot only ? only : new BatchSlot(i, count);
            if (proposal.Next(random, slot) is not Candidate candidate)
            {
                // Nothing left to search (a finite space whose every point is tried or pending): the rest of the batch
                // repeats start-up points, without a search per point that would find nothing again.
                for (int k = i; k < count; k++)
                {
                    suggestions.Add(fallback(k));
                }

                break;
            }

            suggestions.Add(candidate.ToValues(space));
            if (i + 1 < count)
            {
                proposal.AddPending(candidate); // the next point of the batch sees this one as pending
            }
        }

        return suggestions;
    }
}
