using Tuning.Tests.Support;

namespace Tuning.Tests.Pruning;

/// <summary>
/// The pruners, which derive rungs from reports, against a stateful reference that works as Optuna's
/// <c>SuccessiveHalvingPruner</c>, which records a value per rung when a trial first reaches it. With a report at
/// every step and pruned trials stopping, both must make the same decision at every step, however the workers interleave.
/// </summary>
public class SuccessiveHalvingReferenceTests
{
    [Fact]
    public void Asha_matches_the_stateful_reference_on_random_interleaved_curves() =>
        PropertyCheck.ForAll(PropertyCheck.Seeds, seed => Check(seed, hyperband: false), maxTest: 150);

    [Fact]
    public void Hyperband_matches_a_stateful_reference_per_bracket_on_random_interleaved_curves() =>
        PropertyCheck.ForAll(PropertyCheck.Seeds, seed => Check(seed, hyperband: true), maxTest: 150);

    private static void Check(int seed, bool hyperband)
    {
        var random = new Random(seed);
        int eta = random.Next(2, 5);
        long minResource = random.Next(1, 3);
        int rate = hyperband ? 0 : random.Next(0, 2);
        int bootstrap = random.Next(0, 3) == 0 ? 1 : 0;
        long maxResource = minResource * eta * eta;
        bool maximize = random.Next(2) == 0;
        int trials = random.Next(2, 16);
        int parallel = random.Next(1, 5);
        bool ashaMaximum = !hyperband && random.Next(2) == 0; // ASHA with its top rung at the maximum resource, or Optuna's without

        IPruner pruner = hyperband
            ? new HyperbandPruner(new() { MinResource = minResource, MaxResource = maxResource, ReductionFactor = eta, BootstrapCount = bootstrap })
            : new SuccessiveHalvingPruner(new() { MinResource = minResource, MaxResource = ashaMaximum ? maxResource : null, ReductionFactor = eta, MinEarlyStoppingRate = rate, BootstrapCount = bootstrap });
        var brackets = new HyperbandBrackets(minResource, maxResource, eta);
        var reference = new ReferenceAsha(minResource, eta, bootstrap, maximize, hyperband || ashaMaximum ? maxResource : long.MaxValue);
        Study study = Curves.NewStudy(pruner, maximize ? MetricKind.Maximize : MetricKind.Minimize);

        var running = new List<(Trial Trial, int Length)>();
        int started = 0;
        while (started < trials || running.Count > 0)
        {
            while (running.Count < parallel && started < trials)
            {
                running.Add((study.Ask(), random.Next(1, (int)maxResource + 3)));
                started++;
            }

            int pick = random.Next(running.Count);
            (Trial trial, int length) = running[pick];
            long step = trial.Reports.Count + 1;
            double value = Math.Round(random.NextDouble(), 1); // coarse values make ties
            trial.Report(step, value);

            int group = hyperband ? brackets.BracketOf(trial.Id) : 0;
            int earlyStoppingRate = hyperband ? group : rate;
            bool expected = reference.ShouldPrune(group, earlyStoppingRate, trial.Id, step, value);
            bool actual = study.ShouldPrune(trial);
            Assert.True(expected == actual, $"seed {seed}: trial {trial.Id} at step {step} (value {value}): reference {expected}, pruner {actual}");

            if (actual)
            {
                study.Prune(trial);
                running.RemoveAt(pick);
            }
            else if (step == length)
            {
                study.Tell(trial, value);
                running.RemoveAt(pick);
            }
        }
    }

    /// <summary>
    /// Optuna's <c>SuccessiveHalvingPruner.prune</c>, with rung values kept in a dictionary per group (bracket), and, for
    /// Hyperband and ASHA with a maximum resource, no rung judged at or beyond it.
    /// </summary>
    private sealed class ReferenceAsha(long minResource, int eta, int bootstrap, bool maximize, long maxResource)
    {
        private readonly Dictionary<(int Group, int Rung), Dictionary<int, double>> _rungs = [];

        public bool ShouldPrune(int group, int rate, int trialId, long step, double value)
        {
            int rung = _rungs.Count(kv => kv.Key.Group == group && kv.Value.ContainsKey(trialId));
            while (true)
            {
                long rungStep = minResource * (long)Math.Pow(eta, rate + rung);
                if (step < rungStep || rungStep >= maxResource)
                {
                    return false;
                }

                if (!_rungs.TryGetValue((group, rung), out Dictionary<int, double>? recorded))
                {
                    _rungs[(group, rung)] = recorded = [];
                }

                recorded[trialId] = value;
                List<double> competing = [.. recorded.Values];
                if (competing.Count <= bootstrap)
                {
                    return true;
                }

                int index = Math.Max((competing.Count / eta) - 1, 0);
                competing.Sort();
                bool promotable = maximize ? value >= competing[^(index + 1)] : value <= competing[index];
                if (!promotable)
                {
                    return true;
                }

                rung++;
            }
        }
    }
}
