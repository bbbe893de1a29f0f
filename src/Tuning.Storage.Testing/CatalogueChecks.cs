namespace Tuning.Storage.Testing;

/// <summary>Creating, finding, listing, importing, renaming and deleting studies.</summary>
internal static class CatalogueChecks
{
    public static void Created_study_is_found_by_name_and_listed(ConformanceContext c)
    {
        IStudyStorage storage = c.Open();
        StoredStudy zeta = storage.CreateStudy("zeta", Fixtures.Definition);
        StoredStudy alpha = storage.CreateStudy("alpha", "{\"other\":true}");
        StoredStudy mu = storage.CreateStudy("mu", Fixtures.Definition);

        Expect.True(zeta.Id != alpha.Id, "Two studies have different ids.");
        Expect.Equal(alpha, storage.FindStudy("alpha"), "FindStudy(\"alpha\")");
        Expect.Equal(null, storage.FindStudy("c"), "FindStudy of an unknown name");
        Expect.Sequence(["zeta", "alpha", "mu"], c.Open().ListStudies().Select(s => s.Name), "ListStudies, oldest first (not by name)");
        Expect.Sequence([zeta, alpha, mu], storage.ListStudies(), "ListStudies");
        Expect.True(Math.Abs((DateTimeOffset.UtcNow - zeta.CreatedAt).TotalMinutes) < 5, "A study's creation time is the current time.");
    }

    public static void A_second_study_of_the_same_name_is_refused(ConformanceContext c)
    {
        IStudyStorage storage = c.Open();
        StoredStudy first = storage.CreateStudy("a", Fixtures.Definition);

        InvalidOperationException e = Expect.Throws<InvalidOperationException>(() => storage.CreateStudy("a", "{}"), "Creating a study under a taken name");
        Expect.Throws<InvalidOperationException>(() => storage.ImportStudy("a", "{}", [Trial()], []), "Importing a study under a taken name");

        Expect.True(e.Message.Contains("already exists", StringComparison.Ordinal), $"The refusal says the study already exists: \"{e.Message}\".");
        Expect.Sequence([first], storage.ListStudies(), "The studies after refused creations");
        Expect.Equal(0, storage.ReadTrials(first.Id, 0).Count, "Trials of the existing study after a refused import");
    }

    public static void Study_names_are_compared_ordinally_so_case_matters(ConformanceContext c)
    {
        IStudyStorage storage = c.Open();
        StoredStudy upper = storage.CreateStudy("ResNet", Fixtures.Definition);
        const string Rule = "names are compared ordinally: case matters, nothing is normalized";

        StoredStudy lower = Expect.Succeeds(() => storage.CreateStudy("resnet", Fixtures.Definition), $"Creating \"resnet\" beside \"ResNet\" ({Rule})");
        StoredStudy decomposed = Expect.Succeeds(
            () => storage.CreateStudy("cafe\u0301", Fixtures.Definition), $"Creating \"cafe\u0301\" (e and a combining accent) beside \"caf\u00e9\" ({Rule})");
        StoredStudy composed = Expect.Succeeds(() => storage.CreateStudy("caf\u00e9", Fixtures.Definition), $"Creating \"caf\u00e9\" beside \"cafe\u0301\" ({Rule})");

        IStudyStorage again = c.Open();
        Expect.Equal(upper, again.FindStudy("ResNet"), "FindStudy(\"ResNet\")");
        Expect.Equal(lower, again.FindStudy("resnet"), "FindStudy(\"resnet\")");
        Expect.Equal(null, again.FindStudy("RESNET"), $"FindStudy(\"RESNET\") ({Rule})");
        Expect.Equal(composed, again.FindStudy("caf\u00e9"), "FindStudy of the composed \"caf\u00e9\"");
        Expect.Equal(decomposed, again.FindStudy("cafe\u0301"), "FindStudy of the decomposed \"cafe\u0301\"");
        Expect.Equal(4, again.ListStudies().Select(s => s.Id).Distinct().Count(), "Studies whose names differ only in case or normalization");
        Expect.Equal(
            lower with { Name = "RESNET" },
            Expect.Succeeds(() => storage.RenameStudy(lower.Id, "RESNET"), $"Renaming \"resnet\" to \"RESNET\" beside \"ResNet\" ({Rule})"),
            "The renamed study");
        Expect.Throws<InvalidOperationException>(() => storage.RenameStudy(lower.Id, "ResNet"), "Renaming to a taken name");
    }

    public static void Empty_white_space_and_invalid_names_are_refused(ConformanceContext c)
    {
        IStudyStorage storage = c.Open();
        StoredStudy study = storage.CreateStudy("s", Fixtures.Definition);
        (string Name, string Shown)[] invalid = [("", "\"\""), (" \t", "\" \\t\" (white space)"), ("a\uD800b", "\"a\\uD800b\" (a lone surrogate, not valid Unicode text)")];

        foreach ((string name, string shown) in invalid)
        {
            Expect.Throws<ArgumentException>(() => storage.CreateStudy(name, Fixtures.Definition), $"Creating a study named {shown}");
            Expect.Throws<ArgumentException>(() => storage.ImportStudy(name, Fixtures.Definition, [Trial()], []), $"Importing a study named {shown}");
            Expect.Throws<ArgumentException>(() => storage.RenameStudy(study.Id, name), $"Renaming a study to {shown}");
        }

        Expect.Sequence([study], c.Open().ListStudies(), "The studies after refused names");
    }

    public static void An_imported_study_holds_its_trials_and_queue(ConformanceContext c)
    {
        IStudyStorage storage = c.Open();
        StoredTrial done = Trial() with { State = TrialState.Completed, Values = Fixtures.LossOf(0.5), FinishedAt = Fixtures.T0.AddMinutes(1) };
        StoredStudy study = storage.ImportStudy("imported", Fixtures.Definition, [done with { Number = 9 }, Trial() with { Number = 4 }], [Fixtures.Parameters(0.9)]);

        IReadOnlyList<StoredTrial> read = c.Open().ReadTrials(study.Id, 0);
        Expect.Equal(study, c.Open().FindStudy("imported"), "The imported study");
        Expect.Sequence([0, 1], read.Select(t => t.Number), "Imported trials are numbered from 0");
        Expect.Sequence([1L, 2L], read.Select(t => t.Revision), "Imported trials take revisions 1, 2, …");
        Expect.SameTrial(done with { Number = 0, Revision = 1 }, read[0], "The first imported trial");
        Expect.Sequence([Fixtures.Parameters(0.9)], storage.ReadEnqueued(study.Id), "The imported queue");
        Expect.Equal(3, storage.Start(study.Id, 1)[0].Revision, "The revision of the first change after an import");
    }

    public static void An_import_that_fails_part_way_stores_nothing(ConformanceContext c)
    {
        IStudyStorage storage = c.Open();
        StoredStudy kept = storage.CreateStudy("kept", Fixtures.Definition);

        Expect.Throws<Exception>(
            () => storage.ImportStudy("half", Fixtures.Definition, [Trial(), null!, Trial()], [Fixtures.Parameters(0.9)]), "Importing a study whose second trial is null");

        const string Rule = "an import stores the whole study or nothing";
        Expect.Equal(null, c.Open().FindStudy("half"), $"The study after an import that failed part way ({Rule})");
        Expect.Sequence([kept], c.Open().ListStudies(), $"The studies after an import that failed part way ({Rule})");
        StoredStudy again = Expect.Succeeds(() => storage.ImportStudy("half", Fixtures.Definition, [Trial()], []), "Importing the study again, whole");
        Expect.Equal(1, storage.ReadTrials(again.Id, 0).Count, "Trials of the study imported again");
        Expect.Equal(0, storage.ReadEnqueued(again.Id).Count, "The queue of the study imported again");
    }

    public static void A_renamed_study_keeps_its_trials_and_queue_and_frees_its_old_name(ConformanceContext c)
    {
        IStudyStorage storage = c.Open();
        StoredStudy study = storage.CreateStudy("old", Fixtures.Definition);
        storage.CreateStudy("other", Fixtures.Definition); // created after it: listed after it, even once it is renamed
        storage.Start(study.Id, 2);
        storage.Enqueue(study.Id, Fixtures.Parameters(0.7));

        StoredStudy renamed = storage.RenameStudy(study.Id, "renamed");

        Expect.Equal(study with { Name = "renamed" }, renamed, "The renamed study");
        Expect.Equal(renamed, c.Open().FindStudy("renamed"), "FindStudy(\"renamed\")");
        Expect.Equal(null, c.Open().FindStudy("old"), "FindStudy of the old name");
        Expect.Equal(2, c.Open().ReadTrials(study.Id, 0).Count, "Trials of the renamed study");
        Expect.Sequence([Fixtures.Parameters(0.7)], c.Open().ReadEnqueued(study.Id), "The renamed study's queue");
        Expect.True(storage.CreateStudy("old", Fixtures.Definition).Id != study.Id, "The old name can be used again.");
        Expect.Sequence(["renamed", "other", "old"], c.Open().ListStudies().Select(s => s.Name), "ListStudies after a rename (a renamed study keeps its place)");
    }

    public static void Renaming_to_a_taken_name_is_refused_and_changes_nothing(ConformanceContext c)
    {
        IStudyStorage storage = c.Open();
        StoredStudy a = storage.CreateStudy("a", Fixtures.Definition);
        StoredStudy b = storage.CreateStudy("b", Fixtures.Definition);

        Expect.Throws<InvalidOperationException>(() => storage.RenameStudy(a.Id, "b"), "Renaming to a taken name");

        Expect.Sequence([a, b], c.Open().ListStudies(), "The studies after a refused rename");
        Expect.Equal(a, storage.RenameStudy(a.Id, "a"), "Renaming a study to its own name");
    }

    public static void A_deleted_study_is_gone_with_its_trials_and_queue_and_frees_its_name(ConformanceContext c)
    {
        IStudyStorage storage = c.Open();
        StoredStudy kept = storage.CreateStudy("kept", Fixtures.Definition);
        StoredStudy doomed = storage.CreateStudy("doomed", Fixtures.Definition);
        storage.Start(kept.Id, 1);
        storage.Start(doomed.Id, 3);
        storage.Enqueue(doomed.Id, Fixtures.Parameters(0.7));

        storage.DeleteStudy(doomed.Id);

        Expect.Sequence([kept], c.Open().ListStudies(), "The studies after a delete");
        Expect.Throws<InvalidOperationException>(() => c.Open().ReadTrials(doomed.Id, 0), "Reading the trials of a deleted study");
        Expect.Equal(1, c.Open().ReadTrials(kept.Id, 0).Count, "Trials of the other study");
        StoredStudy again = storage.CreateStudy("doomed", Fixtures.Definition);
        Expect.Equal(0, storage.ReadTrials(again.Id, 0).Count, "Trials of a new study under a deleted study's name");
        Expect.Equal(0, storage.ReadEnqueued(again.Id).Count, "The queue of a new study under a deleted study's name");
    }

    public static void Renaming_or_deleting_an_unknown_study_is_refused(ConformanceContext c)
    {
        IStudyStorage storage = c.Open();
        StoredStudy study = storage.CreateStudy("s", Fixtures.Definition);

        Expect.Throws<InvalidOperationException>(() => storage.RenameStudy(study.Id + 100, "x"), "Renaming an unknown study");
        Expect.Throws<InvalidOperationException>(() => storage.DeleteStudy(study.Id + 100), "Deleting an unknown study");
        Expect.Sequence([study], storage.ListStudies(), "The studies after refused calls");
    }

    private static StoredTrial Trial() => new()
    {
        Number = 0,
        State = TrialState.Running,
        Parameters = Fixtures.Parameters(0.25),
        StartedAt = Fixtures.T0,
        HeartbeatAt = Fixtures.T0,
    };
}
