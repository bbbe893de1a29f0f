
namespace Tuning.Storage.Tests;

/// <summary>Heartbeats of a PostgreSQL worker whose ask is waiting (for a slow suggester, or for the other workers' asks).</summary>
[RequiresPostgres]
public sealed class PostgreSqlHeartbeatTests : PostgresSchemaTests
{
    [StorageFact]
    public void Running_trials_keep_their_heartbeats_while_an_ask_of_the_same_worker_waits()
    {
        var clock = new Testing.ManualTimeProvider(StoredTrials.T0);
        using var inSuggester = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var suggester = new BlockingSuggester(inSuggester, release);
        Study study = Study.Create(
            OpenStorage(), "s", StoredTrials.Space, [Metric.Minimize("loss")], suggester, new StudyOptions { TimeProvider = clock, HeartbeatInterval = TimeSpan.FromSeconds(10) });
        Trial running = study.Ask();

        suggester.Block = true;
        var asking = Task.Run(() => study.Ask());
        Assert.True(inSuggester.Wait(TimeSpan.FromSeconds(30)), "the second ask never reached the suggester");
        Task beating = Task.Run(() => clock.Advance(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10)));
        bool beat = beating.Wait(TimeSpan.FromSeconds(30));
        release.Set();
        asking.Wait(TimeSpan.FromSeconds(30));

        Assert.True(beat, "the heartbeat waited for the ask");
        StoredTrial stored = OpenStorage().ReadTrials(OpenStorage().FindStudy("s")!.Id, 0)[running.Id];
        Assert.Equal(StoredTrials.T0.AddSeconds(30), stored.HeartbeatAt);
    }

    private sealed class BlockingSuggester(ManualResetEventSlim entered, ManualResetEventSlim release) : ISuggester
    {
        private readonly RandomSuggester _inner = new(seed: 1);

        public bool Block { get; set; }

        public IReadOnlyList<ParameterValues> Suggest(SuggestionContext context, int count)
        {
            if (Block)
            {
                entered.Set();
                release.Wait(TimeSpan.FromSeconds(60));
            }

            return _inner.Suggest(context, count);
        }
    }
}
