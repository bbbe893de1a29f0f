using System.Text.Json.Nodes;
using Tuning.Storage.Sqlite;
using Tuning.TestSupport;

namespace Tuning.Storage.Tests;

/// <summary>An import into SQLite is all or nothing: a refused document leaves no study behind, so the corrected one imports.</summary>
public sealed class SqliteImportTests : TempFolderTests
{
    [Fact]
    public void A_refused_import_leaves_no_study_and_the_corrected_document_imports()
    {
        var study = new Study(StoredTrials.Space, Metric.Minimize("loss"), new RandomSuggester(seed: 1));
        study.Tell(study.Ask(), 0.5);
        study.Tell(study.Ask(), 0.25);
        JsonNode root = JsonNode.Parse(study.ToJson())!;
        root["trials"]![1]!["values"]!.AsObject().Remove("loss");
        using var storage = new SqliteStudyStorage(Folder.File("import.db"));

        Assert.Throws<FormatException>(() => Study.FromJson(root.ToJsonString(), storage));

        Assert.Empty(storage.ListStudies());
        root["trials"]![1]!["values"]!["loss"] = 0.25;
        Study imported = Study.FromJson(root.ToJsonString(), storage);
        Assert.Equal(0.25, Study.Open(storage, imported.Name).BestTrial.Value);
    }
}
