namespace Tuning.Tests.Storage;

/// <summary>The codec a storage of one's own writes trials with: null is refused naming the parameter, and what it writes it reads back.</summary>
public sealed class StoredTrialCodecTests
{
    public static TheoryData<string, Action> NullArguments => new()
    {
        { "state", () => StoredTrialCodec.ReadState(null!) },
        { "values", () => StoredTrialCodec.WriteValues(null!) },
        { "json", () => StoredTrialCodec.ReadValues(null!) },
        { "reports", () => StoredTrialCodec.WriteReports(null!) },
        { "json", () => StoredTrialCodec.ReadReports(null!) },
        { "attributes", () => StoredTrialCodec.WriteAttributes(null!) },
        { "json", () => StoredTrialCodec.ReadAttributes(null!) },
    };

    [Theory]
    [MemberData(nameof(NullArguments))]
    public void Null_is_refused_naming_the_parameter(string parameter, Action call)
    {
        var e = Assert.Throws<ArgumentNullException>(call);

        Assert.Equal(parameter, e.ParamName);
    }

    [Fact]
    public void What_it_writes_it_reads_back()
    {
        var values = new Dictionary<string, double> { ["loss"] = 0.25, ["acc"] = -1e-300 };
        TrialReport[] reports = [new(1, 0.5), new(3, double.MaxValue)];
        var attributes = new Dictionary<string, string> { ["host"] = "a\"b\u0000c" };

        Assert.Equal(values, StoredTrialCodec.ReadValues(StoredTrialCodec.WriteValues(values)));
        Assert.Equal(reports, StoredTrialCodec.ReadReports(StoredTrialCodec.WriteReports(reports)));
        Assert.Equal(attributes, StoredTrialCodec.ReadAttributes(StoredTrialCodec.WriteAttributes(attributes)));
        Assert.Equal(TrialState.Pruned, StoredTrialCodec.ReadState(StoredTrialCodec.WriteState(TrialState.Pruned)));
        Assert.Null(StoredTrialCodec.ReadReason(StoredTrialCodec.WriteReason(null)));
    }
}
