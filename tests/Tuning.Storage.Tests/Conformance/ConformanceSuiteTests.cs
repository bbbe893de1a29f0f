using Tuning.Storage.Testing;

namespace Tuning.Storage.Tests;

/// <summary>
/// The conformance suite itself: a storage written as a user would write one passes every check, and each bug it is
/// given fails the check written for it, with a message that names the check and the rule.
/// </summary>
public sealed class ConformanceSuiteTests
{
    public static TheoryData<string> Checks => new(StudyStorageConformance.Checks);

    [Theory]
    [MemberData(nameof(Checks))]
    public void A_document_storage_without_faults_passes(string check) => StudyStorageConformance.Run(check, Opener(StorageFault.None));

    [Theory]
    [InlineData(StorageFault.NoAskLock, "A_second_ask_waits_until_the_first_commits_and_a_tell_meanwhile_is_kept", "asks on a study must take turns")]
    [InlineData(StorageFault.NoWriteLock, "Writes_from_several_threads_to_different_trials_are_all_kept", "under the study's write lock")]
    [InlineData(StorageFault.DropsChangesToFinishedTrials, "Attributes_are_set_and_replaced_in_every_state", "An attribute set on a completed trial, read back after opening the storage again: expected \"m1.bin\", got null")]
    [InlineData(StorageFault.ListsStudiesByName, "Created_study_is_found_by_name_and_listed", "ListStudies, oldest first (not by name): expected [\"zeta\", \"alpha\", \"mu\"], got [\"alpha\", \"mu\", \"zeta\"]")]
    [InlineData(StorageFault.QueueIsASet, "Enqueued_parameters_are_claimed_first_in_order_and_only_once", "The queue, which keeps parameters enqueued twice")]
    [InlineData(StorageFault.QueueIsASet, "Heartbeats_keep_running_trials_alive_and_stale_ones_are_failed_and_requeued", "The queue after requeueing parameters that were queued already")]
    [InlineData(StorageFault.CaseInsensitiveNames, "Study_names_are_compared_ordinally_so_case_matters", "Creating \"resnet\" beside \"ResNet\" (names are compared ordinally: case matters, nothing is normalized): expected it to succeed, got InvalidOperationException")]
    [InlineData(StorageFault.KeepsTheQueueInTheInstance, "A_renamed_study_keeps_its_trials_and_queue_and_frees_its_old_name", "The renamed study's queue: expected")]
    [InlineData(StorageFault.EmptyQueueForUnknownStudies, "Unknown_studies_and_trials_are_refused", "Reading the queue of an unknown study: expected InvalidOperationException, but nothing was thrown")]
    [InlineData(StorageFault.FinishForgetsAttributes, "A_study_resumed_from_the_storage_continues_as_if_never_stopped", "Attributes of the resumed study: expected an entry \"worker\", got none (the entries are [])")]
    [InlineData(StorageFault.CannotListStudies, "Created_study_is_found_by_name_and_listed", "the storage, or a study on it, threw NotSupportedException: This storage cannot list its studies.")]
    [InlineData(StorageFault.TimesToTheMillisecond, "An_exported_study_imports_into_the_storage_unchanged", "The imported study exported again: at $.trials[0].startedAt, expected \"")]
    [InlineData(StorageFault.TellDropsTheFailReason, "A_told_trial_reads_back_with_its_state_values_and_fail_reason", "Fail reason of a failed trial: expected \"diverged: loss is NaN\", got null")]
    [InlineData(StorageFault.QueueServedNewestFirst, "Enqueued_parameters_are_claimed_first_in_order_and_only_once", "Trials started from the queue (oldest first): expected")]
    [InlineData(StorageFault.RequeuesAtTheFront, "Heartbeats_keep_running_trials_alive_and_stale_ones_are_failed_and_requeued", "The queue after requeueing parameters that were queued already (at its end): expected")]
    [InlineData(StorageFault.ListsRenamedStudiesLast, "A_renamed_study_keeps_its_trials_and_queue_and_frees_its_old_name", "ListStudies after a rename (a renamed study keeps its place): expected [\"renamed\", \"other\", \"old\"], got [\"other\", \"renamed\", \"old\"]")]
    [InlineData(StorageFault.TimesToTheMillisecond, "Started_trials_are_stamped_when_written_not_when_the_ask_began", "Stored start time of a trial whose proposal took 6.1234567 s (kept to the tick): expected")]
    [InlineData(StorageFault.NormalizesAttributeText, "Attributes_are_set_and_replaced_in_every_state", "An attribute with a decomposed accent (kept as set, not normalized): expected \"cafe\\u0301\", got \"caf\u00e9\"")]
    [InlineData(StorageFault.AttributeKeysIgnoreCase, "Attributes_are_set_and_replaced_in_every_state", "Attribute keys that differ only in case (two keys, compared ordinally): expected")]
    [InlineData(StorageFault.ImportsStudiesInSteps, "An_import_that_fails_part_way_stores_nothing", "The study after an import that failed part way (an import stores the whole study or nothing): expected null, got")]
    [InlineData(StorageFault.DropsExtraProposals, "A_failing_proposer_stores_nothing_and_leaves_the_queue", "An ask whose proposer returns too many: expected InvalidOperationException, but nothing was thrown")]
    [InlineData(StorageFault.AcceptsAnyName, "Empty_white_space_and_invalid_names_are_refused", "Creating a study named \"\": expected ArgumentException, but nothing was thrown")]
    [InlineData(StorageFault.IgnoresNegativeSteps, "Reports_must_increase_and_stop_when_the_trial_finishes", "A report whose step is negative: expected ArgumentException, but nothing was thrown")]
    [InlineData(StorageFault.IgnoresBlankAttributeKeys, "Attributes_are_set_and_replaced_in_every_state", "An attribute whose key is empty: expected ArgumentException, but nothing was thrown")]
    [InlineData(StorageFault.IgnoresTellsAsRunning, "A_tell_is_idempotent_for_the_same_result_and_refused_for_another", "Finishing a trial as running: expected ArgumentException, but nothing was thrown")]
    [InlineData(StorageFault.StaleAtTheCutOff, "Heartbeats_keep_running_trials_alive_and_stale_ones_are_failed_and_requeued", "Trials failed by a sweep whose cut-off is trial 0's last heartbeat (a trial is stale only if its heartbeat is older): expected 0, got 1")]
    public void A_fault_fails_its_check(StorageFault fault, string check, string rule)
    {
        StorageConformanceException e = Assert.Throws<StorageConformanceException>(() => StudyStorageConformance.Run(check, Opener(fault)));

        Assert.StartsWith($"{check}: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(rule, e.Message, StringComparison.Ordinal);
    }

    /// <summary>Opens a new store's storage, then, on every later call, a new storage on the same store (as another process would).</summary>
    private static Func<IStudyStorage> Opener(StorageFault fault)
    {
        var store = new DocumentStore();
        return () => new DocumentStudyStorage(store, fault);
    }
}
