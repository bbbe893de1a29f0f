namespace Tuning.Storage.Tests;

/// <summary>The conformance suite against <see cref="InMemoryStudyStorage"/>, the reference behaviour.</summary>
public sealed class InMemoryConformanceTests : StorageConformanceTests
{
    private readonly InMemoryStudyStorage _storage = new();

    protected override IStudyStorage OpenStorageCore() => _storage;
}
