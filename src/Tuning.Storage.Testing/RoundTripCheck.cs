using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace Tuning.Storage.Testing;

/// <summary>
/// Every field of every trial reads back exactly as imported, for generated trials: an FsCheck property that shrinks a
/// failing list of trials (fewer trials, fewer fields) and reports the rule broken, then the smallest list, written out.
/// </summary>
internal static class RoundTripCheck
{
    private static readonly Gen<string> Text = Gen.Elements("", "a", "loss", "ü", "\"", "\\", "\n", "\0", "😀", "x y", "{", "[1]")
        .ListOf(4)
        .Select(parts => string.Concat(parts));

    private static readonly Gen<double> Number = Gen.OneOf(
        Gen.Choose(-1_000_000, 1_000_000).Select(i => i * 1.2345678901234567e-3),
        Gen.Elements(0.0, -0.0, double.MaxValue, double.MinValue, double.Epsilon, 1e-300, Math.PI, 0.1 + 0.2));

    private static readonly Gen<DateTimeOffset> Time = Gen.Choose(0, int.MaxValue)
        .Select(i => new DateTimeOffset(Fixtures.T0.UtcTicks + (i * 7919L), TimeSpan.Zero));

    private static readonly Gen<StoredTrial> Trial =
        from state in Gen.Elements(TrialState.Running, TrialState.Completed, TrialState.Failed, TrialState.Pruned)
        from x in Gen.Choose(0, 1000)
        from kind in Gen.Elements("a", "b")
        from values in Gen.Zip(Text, Number).ListOf().Select(pairs => pairs.DistinctBy(p => p.Item1).ToDictionary(p => p.Item1, p => p.Item2))
        from steps in Gen.Zip(Gen.Choose(1, 1000), Number).ListOf()
        from attributes in Gen.Zip(Text, Text).ListOf().Select(pairs => pairs.DistinctBy(p => p.Item1).ToDictionary(p => p.Item1, p => p.Item2))
        from reason in Gen.OneOf(Gen.Constant((string?)null), Text.Select(t => (string?)t))
        from started in Time
        from finished in Gen.OneOf(Gen.Constant((DateTimeOffset?)null), Time.Select(t => (DateTimeOffset?)t))
        from heartbeat in Time
        select new StoredTrial
        {
            Number = 0,
            State = state,
            Parameters = Fixtures.Parameters(x / 1000.0, 1 - (x / 1000.0), kind),
            Values = values,
            Reports = [.. steps.Select((s, i) => new TrialReport(steps.Take(i + 1).Sum(p => (long)p.Item1), s.Item2))],
            FailReason = reason,
            Attributes = attributes,
            StartedAt = started,
            FinishedAt = finished,
            HeartbeatAt = heartbeat,
        };

    public static void Every_stored_field_reads_back_equal(ConformanceContext c)
    {
        IStudyStorage storage = c.Open();
        int round = 0;
        Property property = Prop.ForAll(Arb.From(Trial.ListOf(), Smaller), trials =>
        {
            long id = storage.CreateStudy($"round-trip-{round++}", Fixtures.Definition).Id;
            IReadOnlyList<StoredTrial> imported = storage.ImportTrials(id, [.. trials]);
            IReadOnlyList<StoredTrial> read = c.Open().ReadTrials(id, 0);
            Expect.Equal(trials.Count, read.Count, "Trials read back");
            for (int i = 0; i < read.Count; i++)
            {
                Expect.Equal(i, imported[i].Number, "Number of an imported trial");
                Expect.SameTrial(imported[i], read[i], $"Imported trial {i} as read back");
                Expect.SameTrial(trials[i] with { Number = i }, read[i], $"Imported trial {i} against what was given", compareRevision: false);
            }
        });

        var runner = new SilentRunner();
        property.Check(Config.Quick.WithRunner(runner).WithMaxTest(25).WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(20260102UL), FSharpOption<int>.None))));
        if (runner.Failure is TestResult.Failed failure)
        {
            // The rule first, then the smallest trials FsCheck found that break it.
            Exception? cause = (failure.Item4 as Outcome.Failed)?.Item;
            string rule = cause switch
            {
                StorageConformanceException e => e.Message,
                null => "The property failed.",
                _ => $"The storage threw {cause.GetType().Name}: {cause.Message}",
            };
            IEnumerable<StoredTrial> smallest = failure.Item3.OfType<IEnumerable<StoredTrial>>().FirstOrDefault() ?? [];
            throw new StorageConformanceException(
                $"{rule} The smallest import found to fail (test {failure.Item1.NumberOfTests}, shrunk in {failure.Item1.NumberOfShrinks} steps) "
                + $"was of these trials: [{string.Join("; ", smallest.Select(TrialText.Of))}].",
                cause ?? new InvalidOperationException("FsCheck reported no exception."));
        }
    }

    /// <summary>Smaller lists of trials to try when a list fails: one trial fewer, or one trial without its collections.</summary>
    private static IEnumerable<List<StoredTrial>> Smaller(List<StoredTrial> trials)
    {
        for (int i = 0; i < trials.Count; i++)
        {
            yield return [.. trials[..i], .. trials[(i + 1)..]];
        }

        for (int i = 0; i < trials.Count; i++)
        {
            StoredTrial plain = trials[i] with { Values = new Dictionary<string, double>(), Reports = [], Attributes = new Dictionary<string, string>(), FailReason = null };
            if (trials[i].Values.Count + trials[i].Reports.Count + trials[i].Attributes.Count > 0 || trials[i].FailReason is not null)
            {
                yield return [.. trials[..i], plain, .. trials[(i + 1)..]];
            }
        }
    }
}
