using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Tuning.Tests.Suggesters;

/// <summary>
/// The options of the model-based suggesters are accepted exactly when every value lies in its documented range, and
/// otherwise refused when the suggester is created, by an exception naming the option: not at the first model ask,
/// after the start-up design, and never taken silently as something else.
/// </summary>
public class ModelOptionsProperties
{
    private const int MaxCandidates = 1 << 20;

    private static readonly string[] OptionNames = ["Candidates", "LocalSearches", "MaxFitPoints", "NoiseFloor", "OutputWarping", "StartupTrials"];

    /// <summary>One value per shared option, each drawn from its boundaries and beyond.</summary>
    internal sealed record Values(int Candidates, int LocalSearches, int MaxFitPoints, double NoiseFloor, int Warping, int? StartupTrials)
    {
        public static readonly Values Valid = new(2048, 10, 300, 1e-7, 1, null);

        /// <summary>Whether the documentation of both options classes admits every value.</summary>
        public bool Documented =>
            Candidates is >= 1 and <= MaxCandidates && LocalSearches is >= 1 and <= MaxCandidates && MaxFitPoints >= 10
            && NoiseFloor > 0 && double.IsFinite(NoiseFloor) && Enum.IsDefined((OutputWarping)Warping) && StartupTrials is null or >= 0;

        public GaussianProcessOptions ForGaussianProcess() => new()
        {
            Candidates = Candidates, LocalSearches = LocalSearches, MaxFitPoints = MaxFitPoints, NoiseFloor = NoiseFloor,
            OutputWarping = (OutputWarping)Warping, StartupTrials = StartupTrials,
        };

        public MultiFidelityOptions ForMultiFidelity() => new()
        {
            Candidates = Candidates, LocalSearches = LocalSearches, MaxFitPoints = MaxFitPoints, NoiseFloor = NoiseFloor,
            OutputWarping = (OutputWarping)Warping, StartupTrials = StartupTrials,
        };

        /// <summary>Shrinks toward the defaults, one option at a time, so a failure names the one value that matters.</summary>
        public IEnumerable<Values> Shrink()
        {
            if (Candidates != Valid.Candidates) yield return this with { Candidates = Valid.Candidates };
            if (LocalSearches != Valid.LocalSearches) yield return this with { LocalSearches = Valid.LocalSearches };
            if (MaxFitPoints != Valid.MaxFitPoints) yield return this with { MaxFitPoints = Valid.MaxFitPoints };
            if (!NoiseFloor.Equals(Valid.NoiseFloor)) yield return this with { NoiseFloor = Valid.NoiseFloor };
            if (Warping != Valid.Warping) yield return this with { Warping = Valid.Warping };
            if (StartupTrials is not null) yield return this with { StartupTrials = null };
        }
    }

    private static readonly Gen<int> Counts = Gen.Elements(int.MinValue, -1, 0, 1, 2, 9, 10, 2048, MaxCandidates, MaxCandidates + 1, int.MaxValue);

    private static Arbitrary<Values> AnyValues() => Arb.From(
        from candidates in Gen.Frequency((2, Counts), (1, Gen.Constant(Values.Valid.Candidates)))
        from localSearches in Gen.Frequency((2, Counts), (1, Gen.Constant(Values.Valid.LocalSearches)))
        from maxFitPoints in Gen.Frequency((2, Counts), (1, Gen.Constant(Values.Valid.MaxFitPoints)))
        from noiseFloor in Gen.Elements(double.NaN, double.NegativeInfinity, -1, 0, double.Epsilon, 1e-7, 1, 1e300, double.PositiveInfinity)
        from warping in Gen.Elements(-1, 0, 1, 2, 3, 99)
        from startup in Gen.Elements<int?>(null, -1, 0, 3, int.MaxValue)
        select new Values(candidates, localSearches, maxFitPoints, noiseFloor, warping, startup),
        values => values.Shrink());

    [Property(MaxTest = 400, Replay = "(20261206,11)")]
    public Property Gaussian_process_options_are_accepted_exactly_within_their_documented_ranges() =>
        Prop.ForAll(AnyValues(), values => AcceptedExactlyWhenDocumented(values, () => new GaussianProcessSuggester(1, values.ForGaussianProcess())));

    [Property(MaxTest = 400, Replay = "(20261206,13)")]
    public Property Multi_fidelity_options_are_accepted_exactly_within_their_documented_ranges() =>
        Prop.ForAll(AnyValues(), values => AcceptedExactlyWhenDocumented(values, () => new MultiFidelitySuggester(1, values.ForMultiFidelity())));

    [Fact]
    public void The_smallest_and_largest_accepted_settings_suggest()
    {
        SearchSpace space = new SearchSpaceBuilder().Float("x", 0, 1).Categorical("k", "a", "b").Build();
        foreach (GaussianProcessOptions options in new GaussianProcessOptions[]
        {
            new() { Candidates = 1, LocalSearches = 1, MaxFitPoints = 10, StartupTrials = 2, OutputWarping = OutputWarping.Rank },
            new() { Candidates = 1, LocalSearches = 5, NoiseFloor = 1e300, StartupTrials = 0 },
            new() { Candidates = 64, LocalSearches = 2, NoiseFloor = double.Epsilon, Deterministic = true, StartupTrials = 2 },
        })
        {
            var study = new Study(space, Metric.Minimize("y"), new GaussianProcessSuggester(3, options));
            for (int i = 0; i < 5; i++)
            {
                Trial trial = study.Ask();
                study.Tell(trial, Math.Abs(trial.GetDouble("x") - 0.3) + (trial.GetString("k") == "a" ? 0 : 0.5));
            }

            Assert.Equal(5, study.Trials.Count(t => t.State == TrialState.Completed));
        }
    }

    private static bool AcceptedExactlyWhenDocumented(Values values, Func<ISuggester> create)
    {
        Exception? refused = Record.Exception(create);
        return values.Documented
            ? refused is null
            : refused is ArgumentOutOfRangeException { ParamName: string name } && OptionNames.Contains(name) && refused.Message.Contains(name, StringComparison.Ordinal);
    }
}
