using Tuning.Storage.Testing;

namespace Tuning.Storage.Tests;

/// <summary>
/// The round-trip property of the conformance suite reports a failure as the rule broken, then the smallest trials that
/// break it written out field by field, and writes nothing to the console. Alone in its collection: it reads the console.
/// </summary>
[Collection(Name)]
public sealed class RoundTripCheckTests
{
    private const string Check = "Every_stored_field_reads_back_equal";
    private const string Name = "Console";

    [Fact]
    public void A_failure_says_the_rule_first_then_the_smallest_trials_as_data()
    {
        var store = new DocumentStore();

        StorageConformanceException e = Assert.Throws<StorageConformanceException>(
            () => StudyStorageConformance.Run(Check, () => new DocumentStudyStorage(store, StorageFault.TimesToTheMillisecond)));

        Assert.StartsWith($"{Check}: Imported trial 0 as read back: start time: expected ", e.Message, StringComparison.Ordinal);
        Assert.Contains("The smallest import found to fail", e.Message, StringComparison.Ordinal);
        Assert.Contains("[trial 0: ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("System.Collections", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pass_writes_nothing_to_the_console()
    {
        TextWriter console = Console.Out;
        using var captured = new StringWriter();
        Console.SetOut(captured);
        try
        {
            var storage = new InMemoryStudyStorage();
            StudyStorageConformance.Run(Check, () => storage);
        }
        finally
        {
            Console.SetOut(console);
        }

        Assert.Equal("", captured.ToString());
    }

    /// <summary>Tests that replace the console run after all others, one at a time.</summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class ConsoleCollection;
}
