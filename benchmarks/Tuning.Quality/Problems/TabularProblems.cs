namespace Tuning.Quality.Problems;

/// <summary>
/// The fidelity problems recorded from real training (<c>Data/*.csv.gz</c>, written by
/// <c>benchmarks/Tuning.Quality.Recorder</c>; how and why in <c>benchmarks/Tuning.Quality.Recorder/README.md</c>).
/// </summary>
internal static class TabularProblems
{
    public const string MlpFile = "mlp-digits.csv.gz";
    public const string LightGbmFile = "lightgbm-diabetes.csv.gz";
    public const string MlpBreastCancerFile = "mlp-breast-cancer.csv.gz";
    public const string LightGbmFriedmanFile = "lightgbm-friedman.csv.gz";

    /// <summary>
    /// The TorchSharp MLP on digits: 5 hyperparameters (hidden units 16–128, learning rate 1e-4–1e-1, weight decay
    /// 1e-6–1, dropout 0–0.5, batch size 16–256) on a grid of 1440 configurations, validation cross-entropy after each of
    /// epochs 1–27 (cost ∝ epochs), every epoch reported; budget 30 full runs.
    /// </summary>
    public static TabularFidelityProblem MlpDigits() =>
        Mlp("MLP on digits (TorchSharp, recorded; epochs 1-27)", MlpFile, smallestHidden: 16, smallestBatch: 16);

    /// <summary>
    /// The same MLP on the breast-cancer data, held out (recorded after every default was chosen, and kept out of any
    /// tuning): hidden units 8–64, learning rate 1e-4–1e-1, weight decay 1e-6–1, dropout 0–0.5, batch size 8–128 (1440
    /// configurations), validation cross-entropy after each of epochs 1–27, every epoch reported; budget 30 full runs.
    /// </summary>
    public static TabularFidelityProblem MlpBreastCancer() =>
        Mlp("MLP on breast cancer, held out (TorchSharp, recorded; epochs 1-27)", MlpBreastCancerFile, smallestHidden: 8, smallestBatch: 8);

    /// <summary>
    /// An MLP recording of <c>MlpRecording</c>'s grid: hidden units and batch sizes in powers of 2 (×2 and ×4) from the
    /// smallest recorded, ten learning rates from 1e-4, four weight decays from 1e-6, dropout 0–0.5; epochs 1–27 as the
    /// fidelity, every epoch reported, Hyperband's reports after 1, 3, 9 and 27; budget 30 full runs.
    /// </summary>
    private static TabularFidelityProblem Mlp(string name, string file, int smallestHidden, int smallestBatch) => new(
        name, file,
        [
            new("log2_hidden", Math.Log2(smallestHidden), 1, true), new("log10_learning_rate", -4, 1.0 / 3, false),
            new("log10_weight_decay", -6, 2, true), new("dropout", 0, 0.25, false), new("log2_batch_size", Math.Log2(smallestBatch), 2, true),
        ],
        b => b.IntFidelity("epochs", 1, 27, log: true),
        epochs => $"epoch{(int)Math.Round(epochs)}",
        [(1, 1), (3, 3), (9, 9), (27, 27)],
        budget: 30)
    { ReportsAreFidelities = true };

    /// <summary>
    /// ML.NET LightGBM regression on diabetes: 4 hyperparameters (learning rate 10^−2.5–10^−0.5, leaves 2–32, minimum
    /// rows per leaf 2–32, L2 1e-2–100; 405 configurations), boosting iterations 3–243 as the fidelity (cost ∝
    /// iterations), final value only; validation RMSE; budget 30 full runs.
    /// </summary>
    public static TabularFidelityProblem LightGbmIterations() =>
        LightGbmIterations("LightGBM on diabetes (ML.NET, recorded; iterations 3-243)", LightGbmFile);

    /// <summary>
    /// The same LightGBM recording as SigOpt-style tasks: training on 10%, 30% or all of the training rows (243
    /// iterations each), costing 0.1, 0.3 and 1; the pruner methods train on 10%, then 30%, then all rows.
    /// </summary>
    public static TabularFidelityProblem LightGbmRows() =>
        LightGbmRows("LightGBM on diabetes as tasks (recorded; 10%/30%/100% of rows)", LightGbmFile);

    /// <summary>
    /// ML.NET LightGBM regression on 100,000 rows of Friedman's first problem, held out (recorded after every default
    /// was chosen, and kept out of any tuning): the grid, fidelity and budget of <see cref="LightGbmIterations()"/>.
    /// </summary>
    public static TabularFidelityProblem LightGbmFriedmanIterations() =>
        LightGbmIterations("LightGBM on 100k rows, held out (ML.NET, recorded; iterations 3-243)", LightGbmFriedmanFile);

    /// <summary>
    /// The same recording as SigOpt-style tasks on 10%, 30% or all of its 80,000 training rows, held out: the grid,
    /// tasks and budget of <see cref="LightGbmRows()"/>.
    /// </summary>
    public static TabularFidelityProblem LightGbmFriedmanRows() =>
        LightGbmRows("LightGBM on 100k rows as tasks, held out (recorded; 10%/30%/100% of rows)", LightGbmFriedmanFile);

    /// <summary>A LightGBM recording with boosting iterations 3–243 as the fidelity (cost ∝ iterations), final value only.</summary>
    private static TabularFidelityProblem LightGbmIterations(string name, string file) => new(
        name, file, LightGbmAxes(),
        b => b.IntFidelity("iterations", 3, 243, log: true),
        iterations => $"iteration{(int)Math.Round(iterations)}",
        [(3, 3), (9, 9), (27, 27), (81, 81), (243, 243)],
        budget: 30);

    /// <summary>A LightGBM recording as tasks on 10%, 30% or all of the training rows, costing 0.1, 0.3 and 1.</summary>
    private static TabularFidelityProblem LightGbmRows(string name, string file) => new(
        name, file, LightGbmAxes(),
        b => b.Tasks("rows", new FidelityTask("10% of rows", 0.1), new FidelityTask("30% of rows", 0.3), new FidelityTask("all rows", 1)),
        share => share switch { < 0.2 => "rows10", < 0.5 => "rows30", _ => "iteration243" },
        [(1, 0.1), (2, 0.3), (3, 1)],
        budget: 30)
    { TaskValues = new Dictionary<string, double> { ["10% of rows"] = 0.1, ["30% of rows"] = 0.3, ["all rows"] = 1 } };

    /// <summary>The recorded problems of the fidelity suite (those whose recording is present).</summary>
    public static IEnumerable<IFidelityProblem> Fidelity()
    {
        if (RecordedTable.Exists(MlpFile))
        {
            yield return MlpDigits();
        }

        if (RecordedTable.Exists(LightGbmFile))
        {
            yield return LightGbmIterations();
            yield return LightGbmRows();
        }
    }

    /// <summary>The recorded problems kept out of any tuning (those whose recording is present).</summary>
    public static IEnumerable<IFidelityProblem> HeldOutFidelity()
    {
        if (RecordedTable.Exists(MlpBreastCancerFile))
        {
            yield return MlpBreastCancer();
        }

        if (RecordedTable.Exists(LightGbmFriedmanFile))
        {
            yield return LightGbmFriedmanIterations();
            yield return LightGbmFriedmanRows();
        }
    }

    /// <summary>The noisy single-fidelity problem: the MLP trained for all 27 epochs, one recorded training per trial.</summary>
    public static IEnumerable<IProblem> NoisyFixedEpochs()
    {
        if (RecordedTable.Exists(MlpFile))
        {
            yield return new AtTargetFidelity(MlpDigits(), "MLP on digits, 27 epochs (TorchSharp, recorded; replicate per trial)", budget: 40);
        }
    }

    /// <summary>
    /// The held-out noisy single-fidelity problem: the MLP on breast cancer trained for all 27 epochs, one recorded
    /// training per trial.
    /// </summary>
    public static IEnumerable<IProblem> HeldOutFixedEpochs()
    {
        if (RecordedTable.Exists(MlpBreastCancerFile))
        {
            yield return new AtTargetFidelity(MlpBreastCancer(), "MLP on breast cancer, 27 epochs (TorchSharp, recorded; replicate per trial)", budget: 40);
        }
    }

    private static GridAxis[] LightGbmAxes() =>
        [new("log10_learning_rate", -2.5, 0.25, false), new("log2_leaves", 1, 1, true), new("log2_min_leaf", 1, 2, true), new("log10_l2", -2, 2, true)];

    /// <summary>A fidelity problem run at its target only, as a single-fidelity problem.</summary>
    private sealed class AtTargetFidelity(IFidelityProblem problem, string name, int budget) : IProblem
    {
        public string Name => name;

        public SearchSpace Space { get; } = WithoutFidelity(problem.Space);

        public int Budget => budget;

        public double Optimum => problem.Optimum;

        public double TrueValue(ParameterValues x) => problem.TrueValue(AtTarget(x), problem.TargetFidelity);

        public double Observe(ParameterValues x, Random noise) => problem.Observe(AtTarget(x), problem.TargetFidelity, noise);

        /// <summary>The same parameters in the fidelity problem's space, at its target fidelity.</summary>
        private ParameterValues AtTarget(ParameterValues x) =>
            problem.Space.CreateValues(x.ToDictionary());

        private static SearchSpace WithoutFidelity(SearchSpace space)
        {
            var builder = new SearchSpaceBuilder();
            foreach (Parameter p in space.Parameters)
            {
                _ = p.Kind == ParameterKind.Int
                    ? builder.Int(p.Name, (int)p.Low, (int)p.High, step: (int)(p.Step ?? 1))
                    : builder.Float(p.Name, p.Low, p.High, step: p.Step);
            }

            return builder.Build();
        }
    }
}
