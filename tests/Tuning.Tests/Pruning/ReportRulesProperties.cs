using FsCheck;
using FsCheck.Fluent;
using Tuning.Tests.Support;

namespace Tuning.Tests.Pruning;

/// <summary>
/// Any sequence of reports, valid or not (NaN, infinities, negative, repeated, decreasing and huge steps): a refused
/// report names the argument at fault and changes nothing, so every pruner decides as if it had never been made.
/// </summary>
public class ReportRulesProperties
{
    private static readonly Gen<long> Steps = Gen.Frequency(
        (6, Gen.Choose(-2, 12).Select(s => (long)s)),
        (1, Gen.Elements(long.MinValue, long.MaxValue - 1, long.MaxValue, 1L << 40)));

    private static readonly Gen<double> Values = Gen.Frequency(
        (6, Gen.Choose(0, 10).Select(v => v / 10.0)),
        (1, Gen.Elements(double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, -double.MaxValue, double.Epsilon)));

    private static readonly Arbitrary<(long Step, double Value)[]> Attempts = Arb.From(
        Gen.Choose(1, 12).SelectMany(n => (from step in Steps from value in Values select (step, value)).ArrayOf(n)),
        attempts => Shrink.Array(attempts, _ => []));

    private static IPruner[] Pruners() =>
    [
        new MedianPruner(new MedianPrunerOptions { StartupTrials = 1 }),
        new SuccessiveHalvingPruner(new SuccessiveHalvingPrunerOptions { ReductionFactor = 2 }),
        new HyperbandPruner(new HyperbandPrunerOptions { ReductionFactor = 2 }),
    ];

    [Fact]
    public void A_refused_report_changes_nothing_a_pruner_sees() => PropertyCheck.ForAll(Attempts, attempts =>
    {
        IPruner[] pruners = Pruners();
        for (int p = 0; p < pruners.Length; p++)
        {
            (Study every, Trial all) = WithHistory(pruners[p]);
            (Study validOnly, Trial valid) = WithHistory(Pruners()[p]);
            foreach ((long step, double value) in attempts)
            {
                bool accepted = double.IsFinite(value) && step >= 0 && (valid.Reports.Count == 0 || step > valid.Reports[^1].Step);
                if (accepted)
                {
                    all.Report(step, value);
                    valid.Report(step, value);
                }
                else
                {
                    ArgumentException e = Assert.Throws<ArgumentException>(() => all.Report(step, value));
                    Assert.Equal(double.IsFinite(value) ? "step" : "value", e.ParamName);
                }

                Assert.Equal(valid.Reports, all.Reports);
                Assert.Equal(validOnly.ShouldPrune(valid), every.ShouldPrune(all));
            }
        }
    });

    /// <summary>A study with three completed runs reported at steps 0 to 12, and a running trial without reports.</summary>
    private static (Study Study, Trial Running) WithHistory(IPruner pruner)
    {
        Study study = Curves.NewStudy(pruner);
        foreach (double level in new[] { 0.2, 0.5, 0.8 })
        {
            Trial trial = study.Ask();
            for (long step = 0; step <= 12; step++)
            {
                trial.Report(step, level);
            }

            study.Tell(trial, level);
        }

        return (study, study.Ask());
    }
}
