using Tuning.Storage.Sqlite;
using Tuning.TestSupport;

namespace Tuning.Storage.Tests;

/// <summary>
/// Pruners read every rung and median from the trials in the storage, so workers that share a SQLite file, each with
/// its own study object and pruner, and a worker that opens the study again half-way (a restarted process) and carries
/// on a running trial, make the very decisions one study in memory makes.
/// </summary>
public sealed class SqlitePruningTests : TempFolderTests
{
    private static readonly SearchSpace Space = new SearchSpaceBuilder().Float("x", 0, 1).Build();

    public static TheoryData<string> Pruners => ["median", "asha", "hyperband", "hyperband with a maximum"];

    private static IPruner Create(string name) => name switch
    {
        "median" => new MedianPruner(new MedianPrunerOptions { StartupTrials = 2, WarmupSteps = 1, IntervalSteps = 2 }),
        "asha" => new SuccessiveHalvingPruner(new SuccessiveHalvingPrunerOptions { ReductionFactor = 2 }),
        "hyperband" => new HyperbandPruner(new HyperbandPrunerOptions { ReductionFactor = 2 }),
        _ => new HyperbandPruner(new HyperbandPrunerOptions { ReductionFactor = 2, MaxResource = 8 }),
    };

    [Theory]
    [MemberData(nameof(Pruners))]
    public void Workers_sharing_a_file_decide_as_one_study_in_memory(string pruner)
    {
        for (int seed = 0; seed < 6; seed++)
        {
            IReadOnlyList<string> alone = Run(seed, pruner, shared: null);
            string path = Folder.File($"{seed}.db");
            IReadOnlyList<string> shared = Run(seed, pruner, shared: path);
            Assert.True(alone.SequenceEqual(shared), $"seed {seed}:\n one study: {string.Join(" ", alone)}\n two files: {string.Join(" ", shared)}");
            Assert.Contains(alone, d => d.EndsWith("pruned", StringComparison.Ordinal));
        }
    }

    /// <summary>
    /// Runs random learning curves, a few trials at a time, interleaved at random, and returns each decision as
    /// "trial@step kept" or "trial@step pruned". With a file, trials alternate between two workers, and a third worker
    /// opened for one report at random carries on a running trial.
    /// </summary>
    private static List<string> Run(int seed, string pruner, string? shared)
    {
        var random = new Random(seed);
        Metric objective = seed % 2 == 0 ? Metric.Minimize("v") : Metric.Maximize("v");
        double[][] curves = [.. Enumerable.Range(0, 12).Select(_ => Enumerable.Range(0, random.Next(1, 10)).Select(_ => Math.Round(random.NextDouble(), 1)).ToArray())];
        var storages = new List<IStudyStorage>();
        Study Worker(int index)
        {
            IStudyStorage storage = shared is null ? storages.FirstOrDefault() ?? new InMemoryStudyStorage() : new SqliteStudyStorage(shared);
            storages.Add(storage);
            var options = new StudyOptions { Pruner = Create(pruner) };
            return index == 0
                ? Study.Create(storage, "pruned", Space, [objective], new RandomSuggester(seed: 1), options)
                : Study.Open(storage, "pruned", new RandomSuggester(seed: 1 + index), options);
        }

        try
        {
            Study[] workers = shared is null ? [Worker(0)] : [Worker(0), Worker(1)];
            var decisions = new List<string>();
            var running = new List<(Trial Trial, int Curve, int Reported)>();
            int started = 0;
            while (started < curves.Length || running.Count > 0)
            {
                while (running.Count < 3 && started < curves.Length)
                {
                    running.Add((workers[started % workers.Length].Ask(), started, 0));
                    started++;
                }

                int pick = random.Next(running.Count);
                (Trial trial, int curve, int reported) = running[pick];
                if (random.Next(3) == 0 && shared is not null)
                {
                    Study restarted = Worker(2);
                    trial = restarted.Trials[trial.Id];
                }

                Study study = trial.Study;
                double value = curves[curve][reported];
                trial.Report(reported + 1, value);
                bool prune = study.ShouldPrune(trial);
                decisions.Add($"{curve}@{reported + 1} {(prune ? "pruned" : "kept")}");
                if (prune)
                {
                    study.Prune(trial);
                    running.RemoveAt(pick);
                }
                else if (reported + 1 == curves[curve].Length)
                {
                    study.Tell(trial, value);
                    running.RemoveAt(pick);
                }
                else
                {
                    running[pick] = (trial, curve, reported + 1);
                }
            }

            return decisions;
        }
        finally
        {
            foreach (IDisposable storage in storages.OfType<IDisposable>().Distinct())
            {
                storage.Dispose();
            }
        }
    }
}
