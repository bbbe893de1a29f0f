using FsCheck;
using FsCheck.Fluent;
using Tuning.Tests.Bayesian;
using Tuning.Tests.Support;

namespace Tuning.Tests.Suggesters;

/// <summary>
/// A seeded model-based suggester suggests the same points for the same history (the contract of
/// <see cref="ISuggester"/> that replays and resumed studies rely on), over generated spaces, metrics and histories, on
/// fast settings.
/// </summary>
public class SuggesterDeterminismProperties
{
    /// <summary>One trial of a history: its unit point, how it ended, its values, and where along the fidelity it ran.</summary>
    /// <param name="Outcome">0: completed, 1: failed, 2: still running (pending).</param>
    internal sealed record TrialSpec(double[] Unit, int Outcome, int Value, int Other, double Fidelity)
    {
        public override string ToString() => $"({string.Join(", ", Unit)}) {(Outcome switch { 0 => $"→ {Value}, {Other}", 1 => "failed", _ => "running" })} at {Fidelity}";
    }

    /// <param name="Metrics">0: one objective; 1: an objective and a constraint; 2: two objectives.</param>
    internal sealed record History(SpaceSpec Space, FidelitySpec? Fidelity, int Metrics, TrialSpec[] Trials, int Seed, int Batch)
    {
        public SearchSpace BuildSpace()
        {
            SearchSpace space = Space.Build();
            return Fidelity is null ? space : new SearchSpace(space.Parameters, Fidelity.AddTo(new SearchSpaceBuilder().Float("unused", 0, 1)).Build().Fidelity);
        }

        public Metric[] BuildMetrics() => Metrics switch
        {
            0 => [Metric.Minimize("y")],
            1 => [Metric.Minimize("y"), Metric.Constraint("c", max: 0.3)],
            _ => [Metric.Minimize("y"), Metric.Maximize("z")],
        };

        /// <summary>A study holding the history's trials, in order; the suggester under test sees it through its context.</summary>
        public SuggestionContext Context()
        {
            SearchSpace space = BuildSpace();
            Metric[] metrics = BuildMetrics();
            var study = new Study(space, metrics, new RandomSuggester(seed: 0));
            foreach (TrialSpec t in Trials)
            {
                ParameterValues values = space.Decode(t.Unit.AsSpan(0, space.Count));
                study.Enqueue((Fidelity is null ? values : FidelitySpec.At(values, t.Fidelity)).ToDictionary());
                Trial trial = study.Ask();
                if (t.Outcome == 1)
                {
                    study.Fail(trial, "diverged");
                }
                else if (t.Outcome == 0)
                {
                    var measurements = new Measurements { ["y"] = t.Value / 10.0 };
                    if (metrics.Length > 1)
                    {
                        measurements[metrics[1].Name] = t.Other / 100.0;
                    }

                    study.Tell(trial, measurements);
                }
            }

            return new SuggestionContext(space, metrics, study.Trials);
        }

        public override string ToString() =>
            $"{Space}{(Fidelity is null ? "" : $"; {Fidelity}")}; metrics {Metrics}; seed {Seed}, batch {Batch}; trials {string.Join(" ", Trials.Select(t => t.ToString()))}";
    }

    private const int MaxParameters = 4;

    private static Arbitrary<History> Histories(bool fidelity) => Arb.From(
        from space in SpaceSpec.Generate(MaxParameters, 30, conditions: true, SpaceSpec.AllShapes)
        from declaration in fidelity ? FidelitySpec.Generate.Select(f => (FidelitySpec?)f) : Gen.Constant<FidelitySpec?>(null)
        from metrics in fidelity ? Gen.Constant(0) : Gen.Choose(0, 2)
        from trials in Gen.Choose(4, 9).SelectMany(n => Trial.ArrayOf(n))
        from seed in Gen.Choose(0, 1000)
        from batch in Gen.Choose(1, 3)
        select new History(space, declaration, metrics, trials, seed, batch),
        h => SpaceSpec.Shrink(h.Space).Select(s => h with { Space = s })
            .Concat(Shrink.Array(h.Trials, ShrinkTrial, minLength: 4).Select(t => h with { Trials = t }))
            .Concat(Shrink.Toward(h.Batch, 1).Select(b => h with { Batch = b }))
            .Concat(h.Metrics > 0 ? [h with { Metrics = 0 }] : []));

    private static Gen<TrialSpec> Trial =>
        from unit in ModelSpecs.Unit.ArrayOf(MaxParameters)
        from outcome in Gen.Frequency((8, Gen.Constant(0)), (1, Gen.Constant(1)), (1, Gen.Constant(2)))
        from value in Gen.Choose(-100, 100)
        from other in Gen.Choose(-100, 100)
        from fidelity in ModelSpecs.Unit
        select new TrialSpec(unit, outcome, value, other, fidelity);

    private static IEnumerable<TrialSpec> ShrinkTrial(TrialSpec t) =>
        (t.Outcome != 0 ? [t with { Outcome = 0 }] : Array.Empty<TrialSpec>())
            .Concat(Shrink.Toward(t.Value, 0).Select(v => t with { Value = v }))
            .Concat(ModelSpecs.ShrinkPoint(t.Unit).Select(u => t with { Unit = u }));

    private static GaussianProcessOptions Fast(bool warmStart = true) =>
        new() { Candidates = 64, LocalSearches = 2, StartupTrials = 3, WarmStart = warmStart };

    [Fact]
    public void Gaussian_process_suggesters_with_one_seed_suggest_the_same_for_the_same_history()
    {
        int modelled = 0, cases = 0;
        PropertyCheck.ForAll(Histories(fidelity: false), h =>
        {
            SuggestionContext context = h.Context();
            var suggester = new GaussianProcessSuggester(h.Seed, Fast());
            IReadOnlyList<ParameterValues> first = suggester.Suggest(context, h.Batch);
            IReadOnlyList<ParameterValues> second = new GaussianProcessSuggester(h.Seed, Fast()).Suggest(h.Context(), h.Batch);
            Assert.Equal(first, second);
            modelled += suggester.LastModelFit is null ? 0 : 1;
            cases++;
            Assert.All(first, v => SpaceAssert.Valid(context.Space, v));

            // Without warm starts the suggestions depend on the history alone, even for a suggester that asked before.
            var cold = new GaussianProcessSuggester(h.Seed, Fast(warmStart: false));
            IReadOnlyList<ParameterValues> once = cold.Suggest(context, h.Batch);
            Assert.Equal(once, cold.Suggest(context, h.Batch));
        }, maxTest: 60);
        Assert.True(modelled >= cases * 3 / 4, $"the model suggested in only {modelled} of {cases} cases");
    }

    [Fact]
    public void A_gaussian_process_study_replays_identically()
    {
        PropertyCheck.ForAll(Histories(fidelity: false), h =>
        {
            List<string> Run()
            {
                SearchSpace space = h.BuildSpace();
                Metric[] metrics = h.BuildMetrics();
                var study = new Study(space, metrics, new GaussianProcessSuggester(h.Seed, Fast()));
                for (int i = 0; i < h.Trials.Length; i++)
                {
                    foreach (Trial trial in study.Ask(i == 4 ? h.Batch : 1))
                    {
                        // The value depends on the suggested point, so a different suggestion changes the rest of the run.
                        double[] unit = space.Encode(trial.Parameters);
                        double y = unit.Where(double.IsFinite).Sum(u => (u - 0.3) * (u - 0.3)) + (h.Trials[i].Value / 1000.0);
                        var measurements = new Measurements { ["y"] = y };
                        if (metrics.Length > 1)
                        {
                            measurements[metrics[1].Name] = unit.Where(double.IsFinite).DefaultIfEmpty(0).First() - 0.5;
                        }

                        study.Tell(trial, measurements);
                    }
                }

                return [.. study.Trials.Select(t => t.Parameters.ToString())];
            }

            Assert.Equal(Run(), Run());
        }, maxTest: 20);
    }

    [Fact]
    public void Multi_fidelity_suggesters_with_one_seed_suggest_the_same_for_the_same_history()
    {
        PropertyCheck.ForAll(Histories(fidelity: true), h =>
        {
            var options = new MultiFidelityOptions { Candidates = 64, LocalSearches = 2, StartupTrials = 3 };
            SuggestionContext context = h.Context();
            IReadOnlyList<ParameterValues> first = new MultiFidelitySuggester(h.Seed, options).Suggest(context, h.Batch);
            IReadOnlyList<ParameterValues> second = new MultiFidelitySuggester(h.Seed, options).Suggest(h.Context(), h.Batch);
            Assert.Equal(first, second);
            Assert.Equal(first.Select(v => v.Level), second.Select(v => v.Level));
            Assert.All(first, v => SpaceAssert.Valid(context.Space, v));
        }, maxTest: 50);
    }
}
