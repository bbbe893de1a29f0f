using Tuning.Bayesian.Proposals;

namespace Tuning.Tests.Bayesian.Proposals;

public class ProposalBatchTests
{
    [Fact]
    public void Once_the_proposal_has_nothing_left_the_rest_of_the_batch_comes_from_the_fallback_without_searching_again()
    {
        SearchSpace space = new SearchSpaceBuilder().Int("k", 0, 9).Build();
        var proposal = new Finite(space, 3);
        List<ParameterValues> batch = ProposalBatch.Run(proposal, space, 50, new Random(1), i => space.Decode([0.95]));

        Assert.Equal(50, batch.Count);
        Assert.Equal([0, 1, 2], batch.Take(3).Select(v => v.GetInt("k")));
        Assert.All(batch.Skip(3), v => Assert.Equal(9, v.GetInt("k")));
        Assert.Equal(4, proposal.Searches); // three candidates, then the search that found nothing
        Assert.Equal(3, proposal.Pending);
    }

    [Fact]
    public void A_large_batch_in_an_exhausted_finite_space_repeats_start_up_points()
    {
        // Two points and 400 asks: every point after the first two repeats the start-up design (the test above counts
        // the searches; a search per point on a model that grew by a pending point each time took over a minute for a
        // batch of 1000). Speed itself is measured in benchmarks, not asserted here.
        SearchSpace space = new SearchSpaceBuilder().Int("k", 0, 1).Build();
        var study = new Study(space, Metric.Minimize("y"), new GaussianProcessSuggester(1, new GaussianProcessOptions { StartupTrials = 2 }));
        for (int i = 0; i < 4; i++)
        {
            Trial trial = study.Ask();
            study.Tell(trial, trial.GetInt("k"));
        }

        IReadOnlyList<Trial> batch = study.Ask(400);
        Assert.Equal(400, batch.Count);
        Assert.All(batch, t => Assert.InRange(t.GetInt("k"), 0, 1));
    }

    /// <summary>A proposal with <c>size</c> candidates, k = 0, 1, …, and nothing after them.</summary>
    private sealed class Finite(SearchSpace space, int size) : IProposal
    {
        private int _next;

        public int Searches { get; private set; }

        public int Pending { get; private set; }

        public Candidate? Next(Random random, BatchSlot slot)
        {
            Searches++;
            return _next < size ? Candidate.Of(space.Decode([(_next + 0.5) / 10])) : null;
        }

        public void AddPending(Candidate candidate)
        {
            _next++;
            Pending++;
        }
    }
}
