namespace Tuning.Tests.Pruning;

/// <summary>Builds studies from hand-written learning curves, driven the way a user's ask/tell loop drives them.</summary>
internal static class Curves
{
    public static readonly SearchSpace Space = new SearchSpaceBuilder().Float("x", 0, 1).Build();

    public static Study NewStudy(IPruner pruner, MetricKind direction = MetricKind.Minimize) =>
        new(Space, direction == MetricKind.Maximize ? Metric.Maximize("v") : Metric.Minimize("v"), new RandomSuggester(seed: 5), Options(pruner));

    public static StudyOptions Options(IPruner pruner) => new() { Pruner = pruner };

    /// <summary>
    /// Runs one trial over <paramref name="curve"/> (the value at steps 1, 2, …): report, ask the study whether to prune,
    /// prune if told. Returns the step at which it was pruned, or <see langword="null"/> if it ran to the end and completed.
    /// </summary>
    public static long? Run(Study study, params double[] curve) => Run(study, study.Ask(), curve);

    public static long? Run(Study study, Trial trial, params double[] curve)
    {
        for (int i = 0; i < curve.Length; i++)
        {
            trial.Report(i + 1, curve[i]);
            if (study.ShouldPrune(trial))
            {
                study.Prune(trial);
                return i + 1;
            }
        }

        study.Tell(trial, curve[^1]);
        return null;
    }

    /// <summary>Completes a trial after reporting <paramref name="curve"/> at steps 1, 2, … without asking the pruner.</summary>
    public static Trial Completed(Study study, params double[] curve)
    {
        Trial trial = Reported(study, curve);
        study.Tell(trial, curve[^1]);
        return trial;
    }

    /// <summary>Starts a trial and reports <paramref name="curve"/> at steps 1, 2, … without asking the pruner.</summary>
    public static Trial Reported(Study study, params double[] curve)
    {
        Trial trial = study.Ask();
        for (int i = 0; i < curve.Length; i++)
        {
            trial.Report(i + 1, curve[i]);
        }

        return trial;
    }

    /// <summary>A 9-step curve that holds <paramref name="at1"/> on steps 1–2, <paramref name="at3"/> on 3–8 and <paramref name="at9"/> on 9.</summary>
    public static double[] Rungs(double at1, double at3, double at9) => [at1, at1, at3, at3, at3, at3, at3, at3, at9];

    public static double[] Negate(double[] curve) => [.. curve.Select(v => -v)];
}
