namespace Tuning.Benchmarks.RunningStudy;

/// <summary>A problem of the speed suite: its space and its objective (minimized), built with the public API only.</summary>
/// <param name="Name">The name given to <c>--space</c>.</param>
/// <param name="Space">The search space.</param>
/// <param name="Value">The objective.</param>
internal sealed record SpeedProblem(string Name, SearchSpace Space, Func<Trial, double> Value)
{
    /// <summary>The 10-D float problem of the Optuna reference runs.</summary>
    public static SpeedProblem Float { get; } = new("float", SmoothFunction10D.Space, SmoothFunction10D.Value);

    /// <summary>The 10-D mixed problem shaped like a gradient-boosting space.</summary>
    public static SpeedProblem Mixed { get; } = new("mixed", MixedFunction10D.Space, MixedFunction10D.Value);

    /// <summary>A study whose first <paramref name="historySize"/> trials are random and completed, then asked of <paramref name="suggester"/>.</summary>
    public Study StudyWithHistory(int historySize, ISuggester suggester)
    {
        var study = new Study(Space, Metric.Minimize("y"), new HistoryThenSuggester(historySize, seed: historySize, suggester));
        for (int i = 0; i < historySize; i++)
        {
            Trial trial = study.Ask();
            study.Tell(trial, Value(trial));
        }

        return study;
    }
}
