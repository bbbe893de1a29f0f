using Tuning.Storage.Testing;

namespace Tuning.Storage.Tests;

/// <summary>The conformance suite of Tuning.Storage.Testing against <see cref="InMemoryStudyStorage"/>, the reference behaviour.</summary>
public sealed class InMemoryConformanceTests
{
    public static TheoryData<string> Checks => new(StudyStorageConformance.Checks);

    [Theory]
    [MemberData(nameof(Checks))]
    public void Conforms(string check)
    {
        var storage = new InMemoryStudyStorage();
        StudyStorageConformance.Run(check, () => storage);
    }
}
