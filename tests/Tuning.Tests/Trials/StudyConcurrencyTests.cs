namespace Tuning.Tests.Trials;

public class StudyConcurrencyTests
{
    [Fact]
    public void Eight_threads_asking_and_telling_lose_nothing()
    {
        SearchSpace space = new SearchSpaceBuilder().Float("x", 0, 1).Int("n", 0, 100).Build();
        var study = new Study(space, Metric.Minimize("loss"), new RandomSuggester(seed: 21));
        const int Threads = 8, PerThread = 200;
        var told = new System.Collections.Concurrent.ConcurrentBag<int>();
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, worker =>
        {
            for (int i = 0; i < PerThread; i++)
            {
                Trial trial = i % 10 == 0 ? study.Ask(2)[1] : study.Ask();
                trial.Report(1, trial.GetDouble("x"));
                if (i % 7 == 0)
                {
                    study.Fail(trial, "synthetic");
                }
                else
                {
                    study.Tell(trial, trial.GetDouble("x") * trial.GetInt("n"));
                }

                told.Add(trial.Id);
                _ = study.Trials.Count;
            }
        });

        IReadOnlyList<Trial> trials = study.Trials;
        Assert.Equal(Threads * PerThread, told.Count);
        Assert.Equal(Threads * PerThread, told.Distinct().Count());
        int extra = Threads * (PerThread / 10); // the first trial of each batch of two is left running on purpose
        Assert.Equal((Threads * PerThread) + extra, trials.Count);
        Assert.Equal(Enumerable.Range(0, trials.Count), trials.Select(t => t.Id));
        Assert.Equal(extra, trials.Count(t => t.State == TrialState.Running));
        Assert.All(told, id => Assert.True(trials[id].IsFinished));
    }
}
