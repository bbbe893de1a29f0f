namespace Tuning.Bayesian.Proposals;

/// <summary>
/// One ask of a model-based suggester, whatever it models (one objective, two objectives, several fidelities, or the
/// steps pruned trials reached): the models are fitted to the history when the proposal is prepared, and
/// <see cref="Next"/> then proposes the candidates of a batch one at a time, each added as pending before the next,
/// so that a batch spreads out (<see cref="ProposalBatch"/> runs that loop).
/// </summary>
internal interface IProposal
{
    /// <summary>The candidate of highest acquisition not tried or pending yet, or null if none is left.</summary>
    /// <param name="random">The random stream of this ask.</param>
    /// <param name="slot">Which point of the batch is asked for.</param>
    Candidate? Next(Random random, BatchSlot slot);

    /// <summary>Adds a candidate as pending: to the models at their predicted means (the kriging believer), and to the points taken.</summary>
    void AddPending(Candidate candidate);
}
