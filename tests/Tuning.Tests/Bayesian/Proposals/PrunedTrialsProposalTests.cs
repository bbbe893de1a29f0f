using Tuning.Bayesian.Models;
using Tuning.Bayesian.Optimizers;
using Tuning.Bayesian.Proposals;

namespace Tuning.Tests.Bayesian.Proposals;

/// <summary>The GP suggester with <see cref="GaussianProcessOptions.UsePrunedTrials"/>: pruned runs inform the model, as in BOHB.</summary>
public class PrunedTrialsProposalTests
{
    private static readonly SearchSpace Space = new SearchSpaceBuilder().Float("x", 0, 1).Float("y", 0, 1).Build();

    private const double OptimumValue = 0.03286;

    private static readonly long[] Steps = [1, 3, 9, 27];

    /// <summary>
    /// A learning curve falling towards (x − 0.3)² + (y − 0.6)², faster for larger x; after 27 steps the best loss is
    /// <see cref="OptimumValue"/>, at (0.35, 0.6).
    /// </summary>
    private static double Loss(Trial trial, long step)
    {
        double x = trial.GetDouble("x"), y = trial.GetDouble("y");
        return ((x - 0.3) * (x - 0.3)) + ((y - 0.6) * (y - 0.6)) + (0.5 / Math.Pow(step, 0.5 + x));
    }

    private static Study Run(bool usePrunedTrials, int trials)
    {
        var study = new Study(
            Space,
            Metric.Minimize("loss"),
            new GaussianProcessSuggester(seed: 3, new GaussianProcessOptions { UsePrunedTrials = usePrunedTrials }),
            new StudyOptions { Pruner = new SuccessiveHalvingPruner(new SuccessiveHalvingPrunerOptions { MinResource = 1, ReductionFactor = 3 }) });
        for (int i = 0; i < trials; i++)
        {
            Trial trial = study.Ask();
            Assert.InRange(trial.GetDouble("x"), 0, 1);
            Assert.InRange(trial.GetDouble("y"), 0, 1);
            foreach (long step in Steps)
            {
                trial.Report(step, Loss(trial, step));
                if (step == Steps[^1])
                {
                    study.Tell(trial, Loss(trial, step));
                }
                else if (study.ShouldPrune(trial))
                {
                    study.Prune(trial);
                    break;
                }
            }
        }

        return study;
    }

    [Fact]
    public void Pruned_runs_steer_the_search_towards_the_optimum_deterministically()
    {
        Study first = Run(usePrunedTrials: true, trials: 30), second = Run(usePrunedTrials: true, trials: 30);
        Assert.Equal(first.Trials.Select(t => t.Parameters.ToString()), second.Trials.Select(t => t.Parameters.ToString()));
        Assert.True(first.Trials.Count(t => t.State == TrialState.Pruned) >= 10, "the pruner stopped too few runs for the test to mean anything");

        Trial best = first.BestTrial;
        Assert.Equal(TrialState.Completed, best.State);
        Assert.True(best.Value < OptimumValue + 0.01, $"best loss {best.Value} at {best.Parameters}; the optimum is {OptimumValue} at x = 0.35, y = 0.6");
    }

    [Fact]
    public void The_second_point_of_a_batch_minimizes_the_posterior_mean_at_the_models_step()
    {
        // As with the one-objective model, a batch's second point (and a worker's ask that takes its role) is where the
        // model expects the lowest value, here at the step the pruned-trial model works at.
        Study study = Run(usePrunedTrials: true, trials: 8);
        var map = new FeatureMap(Space);
        var options = new GaussianProcessOptions { UsePrunedTrials = true };
        PrunedTrialsProposal proposal = PrunedTrialsProposal.Prepare(
            new SuggestionContext(Space, study.Metrics, study.Trials), map, options, new FitMemory(), new AcquisitionOptimizer(map, options.Candidates, options.LocalSearches))!;
        Candidate exploiting = proposal.Next(new Random(1), new BatchSlot(1, 2)) ?? throw new InvalidOperationException("no point");

        double Mean(double[] point) => proposal.Model.Predict([.. point, proposal.Level], default, default).Mean;
        var random = new Random(2);
        double lowest = Enumerable.Range(0, 2000).Select(_ => Mean([random.NextDouble(), random.NextDouble()])).Min();
        Assert.True(Mean(exploiting.Point) <= lowest + 1e-9, $"mean {Mean(exploiting.Point)} at the exploiting point, {lowest} at the best of 2000 random points");
    }

    [Fact]
    public void The_option_changes_what_the_suggester_proposes_once_a_trial_is_pruned()
    {
        Study with = Run(usePrunedTrials: true, trials: 14), without = Run(usePrunedTrials: false, trials: 14);
        int firstPruned = with.Trials.First(t => t.State == TrialState.Pruned).Id;
        Assert.Equal(
            with.Trials.Take(firstPruned + 1).Select(t => t.Parameters.ToString()),
            without.Trials.Take(firstPruned + 1).Select(t => t.Parameters.ToString()));
        Assert.NotEqual(with.Trials.Select(t => t.Parameters.ToString()), without.Trials.Select(t => t.Parameters.ToString()));
    }
    [Theory]
    [InlineData(new long[] { 0 })]
    [InlineData(new long[] { 5, long.MaxValue })]
    public void Reports_at_step_zero_or_at_the_largest_step_still_give_the_pruned_trial_model(long[] steps)
    {
        // Every step is a valid report; the step coordinate must stay a number (not 0/0, nor an overflowed 1 + step).
        var study = new Study(Space, Metric.Minimize("loss"), new RandomSuggester(seed: 2));
        for (int i = 0; i < 12; i++)
        {
            Trial trial = study.Ask();
            double loss = Math.Pow(trial.GetDouble("x") - 0.3, 2) + trial.GetDouble("y");
            foreach (long step in steps)
            {
                trial.Report(step, loss);
            }

            if (i % 2 == 1)
            {
                study.Prune(trial);
            }
            else
            {
                study.Tell(trial, loss);
            }
        }

        var map = new FeatureMap(Space);
        var options = new GaussianProcessOptions { UsePrunedTrials = true };
        PrunedTrialsProposal? proposal = PrunedTrialsProposal.Prepare(
            new SuggestionContext(Space, study.Metrics, study.Trials), map, options, new FitMemory(), new AcquisitionOptimizer(map, options.Candidates, options.LocalSearches));
        Assert.NotNull(proposal);
        Assert.True(double.IsFinite(proposal.Level), $"level {proposal.Level}");
        Assert.NotNull(proposal.Next(new Random(1), new BatchSlot(0, 1)));
    }
}
