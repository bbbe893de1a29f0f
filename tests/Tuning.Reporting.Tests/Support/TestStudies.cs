namespace Tuning.Reporting.Tests.Support;

/// <summary>Small studies with known shapes, built with ask/tell and deterministic suggesters.</summary>
internal static class TestStudies
{
    /// <summary>
    /// A mixed space (log float, int, categorical, a conditional float) on a synthetic loss in which <c>x</c> dominates,
    /// with a constraint, a stored metric, learning curves, and some failed and pruned trials.
    /// </summary>
    public static Study Mixed(int trials = 40, int seed = 7)
    {
        SearchSpace space = new SearchSpaceBuilder()
            .Float("x", 0, 1)
            .Float("lr", 1e-4, 1e-1, log: true)
            .Int("depth", 1, 12)
            .Categorical("kind", "a", "b", "c")
            .Float("momentum", 0.1, 0.9, when: ("kind", "b"))
            .Build();
        var study = new Study(space, [Metric.Minimize("loss"), Metric.Constraint("ms", max: 80), Metric.Store("size")], new SobolSuggester(seed));
        for (int i = 0; i < trials; i++)
        {
            Trial trial = study.Ask();
            trial.SetAttribute("host", i % 2 == 0 ? "gpu-a" : "gpu-b");
            double loss = Loss(trial);
            for (int step = 1; step <= 4; step++)
            {
                trial.Report(step, loss + (1.0 / step));
            }

            if (i % 9 == 4)
            {
                study.Fail(trial, "diverged <nan> & \"stopped\"");
            }
            else if (i % 9 == 7)
            {
                study.Prune(trial);
            }
            else
            {
                study.Tell(trial, new Measurements { ["loss"] = loss, ["ms"] = trial.GetInt("depth") * 9, ["size"] = trial.GetInt("depth") * 100 });
            }
        }

        return study;
    }

    /// <summary>The synthetic loss: 10·(x − 0.3)² dominates; lr, depth and kind matter a little.</summary>
    public static double Loss(Trial trial) =>
        (10 * Math.Pow(trial.GetDouble("x") - 0.3, 2))
        + (0.05 * Math.Log10(trial.GetDouble("lr")) * -1)
        + (0.01 * trial.GetInt("depth"))
        + (trial.GetString("kind") == "c" ? 0.1 : 0);

    /// <summary>A study with two objectives that trade off: f1 = x, f2 = (1 − x)² + y.</summary>
    public static Study TwoObjectives(int trials = 30, int seed = 3)
    {
        SearchSpace space = new SearchSpaceBuilder().Float("x", 0, 1).Float("y", 0, 1).Build();
        var study = new Study(space, [Metric.Minimize("f1"), Metric.Minimize("f2"), Metric.Constraint("c", max: 0.9)], new SobolSuggester(seed));
        for (int i = 0; i < trials; i++)
        {
            Trial trial = study.Ask();
            double x = trial.GetDouble("x"), y = trial.GetDouble("y");
            study.Tell(trial, new Measurements { ["f1"] = x, ["f2"] = ((1 - x) * (1 - x)) + y, ["c"] = y });
        }

        return study;
    }

    /// <summary>
    /// A constrained study with an epochs fidelity (1, 3 or 9 of 9): a third of the trials run at the target, every
    /// sixth trial breaks the constraint, and a few fail with a long reason.
    /// </summary>
    public static Study MultiFidelity(int trials = 30, int seed = 5)
    {
        SearchSpace space = new SearchSpaceBuilder().Float("x", 0, 1).Float("y", 0, 1).IntFidelity("epochs", 1, 9).Build();
        var study = new Study(space, [Metric.Minimize("loss"), Metric.Constraint("memory", max: 4)], new SobolSuggester(seed));
        int[] levels = [1, 3, 9];
        for (int i = 0; i < trials; i++)
        {
            study.Enqueue(new Dictionary<string, object> { ["x"] = ((i * 0.37) + 0.1) % 1, ["y"] = ((i * 0.61) + 0.3) % 1, ["epochs"] = levels[i % 3] });
            Trial trial = study.Ask();
            if (i % 10 == 8)
            {
                study.Fail(trial, "CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 15.78 GiB total capacity; 13.21 GiB already allocated; 1.12 GiB free); reduce the batch size or enable gradient checkpointing.");
                continue;
            }

            double x = trial.GetDouble("x"), y = trial.GetDouble("y");
            double loss = ((x - 0.6) * (x - 0.6)) + (0.5 * (y - 0.2) * (y - 0.2)) + (1.0 / trial.Fidelity!.Value);
            study.Tell(trial, new Measurements { ["loss"] = loss, ["memory"] = i % 6 == 5 ? 6 : 2 });
        }

        return study;
    }

    /// <summary>The same study, exported to JSON and read back: what a report of a stored study sees.</summary>
    public static Study Stored(Study study) => Study.FromJson(study.ToJson());
}
