using Tuning.Cli.Tests.Support;
using Tuning.Storage.Sqlite;

namespace Tuning.Cli.Tests.Commands;

public sealed class FailStaleCommandTests : SampleDatabaseTests
{
    [Fact]
    public void Fails_the_trials_left_running_by_dead_workers_and_can_enqueue_them_again()
    {
        CliRun run = CliRun.Of("fail-stale", SampleStudies.Single, "--grace", "600", "--requeue", "--storage", Database);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("#5 failed as stale", run.Output, StringComparison.Ordinal);
        Assert.Contains("1 stale trial of 'mnist-lr' failed.", run.Output, StringComparison.Ordinal);
        using var storage = new SqliteStudyStorage(Database);
        Study study = Study.Open(storage, SampleStudies.Single);
        Assert.Equal(TrialState.Failed, study.Trials[5].State);
        Assert.Equal(TrialTransitions.StaleReason, study.Trials[5].FailReason);
        Assert.Single(study.Enqueued);

        CliRun again = CliRun.Of("fail-stale", SampleStudies.Single, "--grace", "600", "--storage", Database);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("No running trial", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_grace_that_is_not_positive_or_missing_is_a_usage_error()
    {
        Assert.Equal(ExitCodes.Usage, CliRun.Of("fail-stale", SampleStudies.Single, "--grace", "0", "--storage", Database).ExitCode);
        Assert.Equal(ExitCodes.Usage, CliRun.Of("fail-stale", SampleStudies.Single, "--storage", Database).ExitCode);
    }

    [Fact]
    public void A_grace_too_long_is_a_usage_error_that_says_so()
    {
        CliRun run = CliRun.Of("fail-stale", SampleStudies.Single, "--grace", "1e12", "--storage", Database);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("at most 31557600000 seconds", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("positive", run.Error, StringComparison.Ordinal);
    }
}
