using FsCheck;
using FsCheck.Fluent;
using Tuning.Tests.Support;

namespace Tuning.Tests.Trials;

/// <summary>The study's single merge of stored trials: incremental reads at any points give what one full read gives.</summary>
public class TrialHistoryTests
{
    private static readonly SearchSpace Space = new SearchSpaceBuilder().Float("x", 0, 1).Build();

    /// <summary>One change to the stored trials: start one, report on one, or finish one (by position among the trials).</summary>
    private sealed record Change(int Kind, int Which, bool ReadAfter);

    private static readonly Gen<Change> Changes =
        from kind in Gen.Choose(0, 2)
        from which in Gen.Choose(0, 50)
        from read in Gen.Elements(true, false)
        select new Change(kind, which, read);

    [Fact]
    public void Reading_only_what_changed_at_any_points_gives_the_full_history()
    {
        PropertyCheck.ForAll(Changes.ListOf(), changes =>
        {
            var storage = new InMemoryStudyStorage();
            Study study = Study.Create(storage, "s", Space, [Metric.Minimize("y")], new RandomSuggester(seed: 1));
            long id = storage.FindStudy("s")!.Id;
            var history = new TrialHistory(study);
            var seen = new Dictionary<int, Trial>();
            var clock = TimeProvider.System;
            foreach (Change change in changes)
            {
                IReadOnlyList<StoredTrial> all = storage.ReadTrials(id, 0);
                StoredTrial[] running = [.. all.Where(t => t.State == TrialState.Running)];
                if (change.Kind == 0 || running.Length == 0)
                {
                    storage.StartTrials(id, 1, 0, _ => ["{\"x\":0.5}"], clock);
                }
                else if (change.Kind == 1)
                {
                    StoredTrial t = running[change.Which % running.Length];
                    storage.AddReport(id, t.Number, new TrialReport(t.Reports.Count, change.Which), clock.GetUtcNow());
                }
                else
                {
                    storage.FinishTrial(id, running[change.Which % running.Length].Number, TrialState.Completed, new Dictionary<string, double> { ["y"] = change.Which }, null, clock.GetUtcNow());
                }

                if (change.ReadAfter)
                {
                    Assert.True(history.Merge(storage.ReadTrials(id, history.Revision)));
                    foreach (Trial trial in history.Trials)
                    {
                        // A trial's object is created once and updated in place.
                        Assert.Same(seen.TryGetValue(trial.Id, out Trial? before) ? before : seen[trial.Id] = trial, trial);
                    }
                }
            }

            Assert.True(history.Merge(storage.ReadTrials(id, history.Revision)));
            IReadOnlyList<StoredTrial> full = storage.ReadTrials(id, 0);
            Assert.Equal(full.Count, history.Count);
            Assert.Equal(full.Select(t => (t.Number, t.State, t.Reports.Count, t.Revision)), history.Trials.Select(t => (t.Id, t.State, t.Reports.Count, t.Record.Revision)));
            Assert.Equal(full.Select(t => t.Revision).DefaultIfEmpty().Max(), history.Revision);
        });
    }

    [Fact]
    public void A_gap_in_the_numbers_is_refused_and_merges_nothing_past_it()
    {
        Study study = new(Space, Metric.Minimize("y"), new RandomSuggester(seed: 1));
        var history = new TrialHistory(study);
        StoredTrial Trial(int number, long revision) => TrialTransitions.Start(number, "{\"x\":0.25}", DateTimeOffset.UnixEpoch) with { Revision = revision };

        Assert.False(history.Merge([Trial(0, 1), Trial(2, 3)]));

        Assert.Equal(1, history.Count);
        Assert.Equal(0, history.Revision);
        Assert.True(history.Merge([Trial(0, 1), Trial(1, 2), Trial(2, 3)]));
        Assert.Equal(3, history.Count);
        Assert.Equal(3, history.Revision);
    }

    [Fact]
    public void Trials_an_ask_started_are_added_without_moving_the_revision_or_parsing_their_parameters()
    {
        Study study = new(Space, Metric.Minimize("y"), new RandomSuggester(seed: 1));
        var history = new TrialHistory(study);
        ParameterValues known = Space.CreateValues(new Dictionary<string, object> { ["x"] = 0.75 });

        Trial trial = history.Put(TrialTransitions.Start(0, "not parsed", DateTimeOffset.UnixEpoch) with { Revision = 7 }, known)!;

        Assert.Same(known, trial.Parameters);
        Assert.Equal(0, history.Revision);
        Assert.Null(history.Put(TrialTransitions.Start(5, "{}", DateTimeOffset.UnixEpoch), known));
    }

    [Fact]
    public void An_ask_returns_the_suggester_own_points_without_writing_them_to_JSON_and_back()
    {
        var suggester = new RecordingSuggester();
        var study = new Study(Space, Metric.Minimize("y"), suggester);

        IReadOnlyList<Trial> trials = study.Ask(3);

        Assert.Equal(3, suggester.Returned.Count);
        Assert.All(trials.Zip(suggester.Returned), pair => Assert.Same(pair.Second, pair.First.Parameters));
        Assert.All(trials, t => Assert.Same(t, study.Trials[t.Id]));
    }

    private sealed class RecordingSuggester : ISuggester
    {
        private readonly RandomSuggester _inner = new(seed: 3);

        public List<ParameterValues> Returned { get; } = [];

        public IReadOnlyList<ParameterValues> Suggest(SuggestionContext context, int count)
        {
            IReadOnlyList<ParameterValues> points = _inner.Suggest(context, count);
            Returned.AddRange(points);
            return points;
        }
    }
}
