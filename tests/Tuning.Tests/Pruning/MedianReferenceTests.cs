using Tuning.Tests.Support;

namespace Tuning.Tests.Pruning;

/// <summary>
/// The median pruner against Optuna's rule for its <c>MedianPruner</c> (its <c>PercentilePruner</c> at the 50th
/// percentile), stated here on its own, on random histories with irregular steps (gaps, step 0, several reports between interval
/// boundaries), coarse values that tie, trials in every state, and random warm-up, interval, start-up and minimum options.
/// The values are fifths, on which numpy's interpolation and the pruner's median round alike (elsewhere they can differ
/// in the last bit, see <see cref="MedianPruner.Median"/>).
/// </summary>
public class MedianReferenceTests
{
    [Fact]
    public void The_median_pruner_decides_as_optunas_on_random_irregular_histories() =>
        PropertyCheck.ForAll(PropertyCheck.Seeds, Check, maxTest: 500);

    private static void Check(int seed)
    {
        var random = new Random(seed);
        bool maximize = random.Next(2) == 0;
        var options = new MedianPrunerOptions
        {
            StartupTrials = random.Next(0, 4),
            WarmupSteps = random.Next(0, 4),
            IntervalSteps = random.Next(1, 4),
            MinTrialsAtStep = random.Next(1, 3),
        };
        Study study = Curves.NewStudy(new MedianPruner(options), maximize ? MetricKind.Maximize : MetricKind.Minimize);

        // Earlier trials, each reporting at a random increasing set of steps in [0, 10], then ending in any state.
        int others = random.Next(0, 8);
        for (int i = 0; i < others; i++)
        {
            Trial trial = study.Ask();
            long[] steps = Steps(random);
            foreach (long step in steps)
            {
                trial.Report(step, random.Next(0, 6) / 5.0);
            }

            switch (random.Next(4))
            {
                case 0: study.Fail(trial, "crashed"); break;
                case 1 when steps.Length > 0: study.Prune(trial); break;
                case 2: break; // still running
                default: study.Tell(trial, random.Next(0, 6) / 5.0); break;
            }
        }

        // The judged trial: asked after each of its reports, as a user's loop does.
        Trial judged = study.Ask();
        var reported = new List<(long Step, double Value)>();
        foreach (long step in Steps(random))
        {
            double value = random.Next(0, 6) / 5.0;
            judged.Report(step, value);
            reported.Add((step, value));
            bool expected = Optuna(study.Trials.Where(t => t.Id != judged.Id).ToList(), reported, options, maximize);
            Assert.True(
                expected == study.ShouldPrune(judged),
                $"seed {seed}: at step {step}, Optuna's rule says {expected}; the judged trial reported {string.Join(" ", reported)}; the others: {string.Join(" | ", study.Trials.Where(t => t.Id != judged.Id).Select(t => $"{t.State} {string.Join(" ", t.Reports)}"))}");
        }
    }

    private static long[] Steps(Random random) => [.. Enumerable.Range(0, 11).Where(_ => random.Next(3) == 0).Select(s => (long)s)];

    /// <summary>
    /// Optuna's median rule: after the start-up trials and warm-up steps, at the first report of each interval, prune
    /// when the best value reported so far is worse than the median of the completed trials' values at this step.
    /// </summary>
    private static bool Optuna(List<Trial> trials, List<(long Step, double Value)> intermediate, MedianPrunerOptions options, bool maximize)
    {
        List<Trial> completed = [.. trials.Where(t => t.State == TrialState.Completed)];
        if (completed.Count == 0 || completed.Count < options.StartupTrials)
        {
            return false;
        }

        long step = intermediate[^1].Step;
        if (step < options.WarmupSteps)
        {
            return false;
        }

        // Only the first report at or after an interval boundary is judged.
        long nearestLowerPruningStep = ((step - options.WarmupSteps) / options.IntervalSteps * options.IntervalSteps) + options.WarmupSteps;
        long secondLastStep = intermediate.Where(r => r.Step != step).Select(r => r.Step).DefaultIfEmpty(-1).Max();
        if (!(secondLastStep < nearestLowerPruningStep))
        {
            return false;
        }

        double best = maximize ? intermediate.Max(r => r.Value) : intermediate.Min(r => r.Value);
        double[] atStep = [.. completed.SelectMany(t => t.Reports.Where(r => r.Step == step).Select(r => r.Value))];
        if (atStep.Length < options.MinTrialsAtStep)
        {
            return false;
        }

        double percentile = Percentile(atStep, 50); // 100 − 50 for a maximized objective: the same
        return maximize ? best < percentile : best > percentile;
    }

    /// <summary><c>numpy.percentile</c> with its default linear interpolation, rounded as numpy's <c>_lerp</c> rounds it.</summary>
    private static double Percentile(double[] values, double q)
    {
        double[] sorted = [.. values.Order()];
        double position = q / 100 * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        double t = position - below, a = sorted[below], b = sorted[above], difference = b - a;
        return t >= 0.5 ? b - (difference * (1 - t)) : a + (difference * t);
    }
}
