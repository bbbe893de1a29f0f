using Tuning.Storage.Sqlite;
using Tuning.TestSupport;

namespace Tuning.Storage.Tests;

/// <summary>
/// A study's name follows the rule for stored text: one with a lone UTF-16 surrogate is refused, since a storage writes
/// UTF-8 and would keep another name (SQLite one with U+FFFD in its place) or fail obscurely (PostgreSQL).
/// </summary>
public sealed class StudyNameTextTests : TempFolderTests
{
    [Fact]
    public void A_study_name_with_a_lone_surrogate_is_refused_when_created_imported_or_renamed_to()
    {
        using var sqlite = new SqliteStudyStorage(Folder.File("names.db"));
        foreach (IStudyStorage storage in (IStudyStorage[])[sqlite, new InMemoryStudyStorage()])
        {
            Study plain = Study.Create(storage, "plain", StoredTrials.Space, [Metric.Minimize("loss")]);

            var created = Assert.Throws<ArgumentException>(() => Study.Create(storage, "a\uD800b", plain.Space, plain.Metrics));
            var imported = Assert.Throws<ArgumentException>(() => storage.ImportStudy("\uDC00", StoredTrials.Definition, [], []));
            var renamed = Assert.Throws<ArgumentException>(() => Study.Rename(storage, "plain", "b\uDFFF"));

            Assert.Equal("name", created.ParamName);
            Assert.Equal("name", imported.ParamName);
            Assert.Equal("newName", renamed.ParamName);
            Assert.All([created, imported, renamed], e => Assert.Contains("lone UTF-16 surrogate", e.Message, StringComparison.Ordinal));
            Assert.Equal(["plain"], storage.ListStudies().Select(s => s.Name));
            Study.Rename(storage, "plain", "pair \uD83D\uDE00"); // a surrogate pair is valid text
            Assert.Equal(["pair \uD83D\uDE00"], storage.ListStudies().Select(s => s.Name));
        }
    }
}
