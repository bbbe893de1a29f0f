namespace Tuning.Storage.Testing;

/// <summary>
/// The conformance suite of <see cref="IStudyStorage"/>: the checks the in-memory, SQLite and PostgreSQL storages pass,
/// for a storage of your own to pass too (as Polly ships Polly.Testing). It works with any test framework: run every
/// name in <see cref="Checks"/> through <see cref="Run"/>, for example as the rows of a data-driven test.
/// </summary>
/// <example>
/// <code>
/// public class RedisStorageConformance
/// {
///     public static TheoryData&lt;string&gt; Checks =&gt; new(StudyStorageConformance.Checks);
///
///     [Theory]
///     [MemberData(nameof(Checks))]
///     public void Conforms(string check)
///     {
///         string prefix = $"test-{Guid.NewGuid():N}";               // a fresh, empty storage for each check
///         StudyStorageConformance.Run(check, () =&gt; new RedisStudyStorage(Connection, prefix));
///     }
/// }
/// </code>
/// </example>
/// <remarks>
/// <para>
/// Each check starts from an empty storage. Its <c>openStorage</c> function is called several times: the first call
/// gives the empty storage, and every later call opens the same storage again, as another process would (an in-memory
/// storage returns its one instance). Storages that are <see cref="IDisposable"/> are disposed when the check ends;
/// removing their files or schemas is the caller's part.
/// </para>
/// <para>
/// The checks cover the studies (create, find, list, import, rename, delete; names compared ordinally), asks
/// (numbering, the queue, what the proposer sees, a failing proposer, when trials are stamped), trial changes
/// (idempotent tells, increasing reports, attributes in every state, revisions), heartbeats and stale trials, an exact
/// round trip of every field of generated trials (an FsCheck property), and whole <see cref="Study"/> runs on the
/// storage (resuming, export and import, copying, renaming and deleting, workers whose heartbeats stop).
/// </para>
/// <para>
/// Concurrency is checked between threads of the test's process, each with its own opening of the storage: an ask
/// started while another ask's proposer runs must wait until that ask commits (a storage without the ask lock is caught
/// as soon as the second ask reaches its proposer; one with it passes however loaded the machine is), a tell made
/// meanwhile must be kept, and reports, heartbeats, attributes and tells written by several threads at once to different
/// trials must all be kept, each with its own revision. A lock that holds between threads but not between processes
/// (or machines) is not caught: test that with worker processes of your own.
/// </para>
/// </remarks>
public static class StudyStorageConformance
{
    private static readonly Dictionary<string, Action<ConformanceContext>> All = new Action<ConformanceContext>[]
    {
        CatalogueChecks.Created_study_is_found_by_name_and_listed,
        CatalogueChecks.A_second_study_of_the_same_name_is_refused,
        CatalogueChecks.Study_names_are_compared_ordinally_so_case_matters,
        CatalogueChecks.Empty_white_space_and_invalid_names_are_refused,
        CatalogueChecks.An_imported_study_holds_its_trials_and_queue,
        CatalogueChecks.An_import_that_fails_part_way_stores_nothing,
        CatalogueChecks.A_renamed_study_keeps_its_trials_and_queue_and_frees_its_old_name,
        CatalogueChecks.Renaming_to_a_taken_name_is_refused_and_changes_nothing,
        CatalogueChecks.A_deleted_study_is_gone_with_its_trials_and_queue_and_frees_its_name,
        CatalogueChecks.Renaming_or_deleting_an_unknown_study_is_refused,
        AskChecks.Started_trials_are_numbered_from_zero_and_running,
        AskChecks.The_proposer_sees_the_changes_since_the_known_revision_and_the_claimed_trials,
        AskChecks.Enqueued_parameters_are_claimed_first_in_order_and_only_once,
        AskChecks.A_failing_proposer_stores_nothing_and_leaves_the_queue,
        AskChecks.Started_trials_are_stamped_when_written_not_when_the_ask_began,
        AskChecks.Imported_trials_keep_their_data_and_are_numbered_after_the_others,
        AskChecks.Unknown_studies_and_trials_are_refused,
        ChangeChecks.A_tell_is_idempotent_for_the_same_result_and_refused_for_another,
        ChangeChecks.A_told_trial_reads_back_with_its_state_values_and_fail_reason,
        ChangeChecks.Reports_must_increase_and_stop_when_the_trial_finishes,
        ChangeChecks.Attributes_are_set_and_replaced_in_every_state,
        ChangeChecks.Reading_changes_after_a_revision_returns_exactly_the_trials_changed_since,
        ChangeChecks.Heartbeats_keep_running_trials_alive_and_stale_ones_are_failed_and_requeued,
        ChangeChecks.Stale_trials_are_not_requeued_unless_asked,
        ConcurrencyChecks.A_second_ask_waits_until_the_first_commits_and_a_tell_meanwhile_is_kept,
        ConcurrencyChecks.Writes_from_several_threads_to_different_trials_are_all_kept,
        RoundTripCheck.Every_stored_field_reads_back_equal,
        StudyChecks.A_study_resumed_from_the_storage_continues_as_if_never_stopped,
        StudyChecks.Opening_a_study_with_another_space_is_refused_and_changes_nothing,
        StudyChecks.An_exported_study_imports_into_the_storage_unchanged,
        StudyChecks.A_worker_that_stops_sending_heartbeats_loses_its_trial_to_the_others,
        StudyChecks.A_tell_for_a_trial_another_worker_failed_is_refused_and_shows_the_stored_state,
        StudyChecks.A_trial_started_by_a_slow_ask_is_not_born_stale,
        StudyChecks.A_study_is_copied_renamed_and_deleted_whole,
    }.ToDictionary(check => check.Method.Name, StringComparer.Ordinal);

    /// <summary>Gets the names of the checks, each a sentence such as <c>Enqueued_parameters_are_claimed_first_in_order_and_only_once</c>.</summary>
    public static IReadOnlyList<string> Checks { get; } = [.. All.Keys];

    /// <summary>Runs one check against a storage.</summary>
    /// <param name="check">A name from <see cref="Checks"/>.</param>
    /// <param name="openStorage">
    /// Opens the storage under test: the first call gives a new, empty storage for this check, later calls the same
    /// storage again (see the remarks of <see cref="StudyStorageConformance"/>).
    /// </param>
    /// <exception cref="ArgumentException"><paramref name="check"/> is not one of <see cref="Checks"/>.</exception>
    /// <exception cref="StorageConformanceException">
    /// The storage breaks the rule the check tests, or throws where it must not; the message names the check and says how,
    /// and an exception the storage threw is the inner exception.
    /// </exception>
    public static void Run(string check, Func<IStudyStorage> openStorage)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(openStorage);
        if (!All.TryGetValue(check, out Action<ConformanceContext>? run))
        {
            throw new ArgumentException($"'{check}' is not a check of the conformance suite. The checks are: {string.Join(", ", Checks)}.", nameof(check));
        }

        using var context = new ConformanceContext(openStorage);
        try
        {
            run(context);
        }
        catch (StorageConformanceException e)
        {
            throw new StorageConformanceException($"{check}: {e.Message}", e);
        }
        catch (Exception e)
        {
            throw new StorageConformanceException($"{check}: the storage, or a study on it, threw {e.GetType().Name}: {e.Message}", e);
        }
    }
}
