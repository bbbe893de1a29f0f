using Tuning.Numerics;

namespace Tuning.Tests.Numerics;

/// <summary>The block sizes are constants unless a benchmark overrides one through its AppContext value.</summary>
public class BlockSizeTests
{
    [Fact]
    public void Without_an_override_the_constants_hold()
    {
        Assert.Equal(256, Gemm.KC);
        Assert.Equal(72, Gemm.MC);
        Assert.Equal(2048, Gemm.NC);
        Assert.Equal(16, Cholesky.BaseOrder);
        Assert.Equal(8, Cholesky.TrsmBaseWidth);
        Assert.Equal(24, TriangularSolve.BaseOrder);
        Assert.Equal(0, Gemm.MC % Gemm.MR);
        Assert.Equal(0, Gemm.NC % Gemm.NR);
    }

    [Fact]
    public void An_override_is_read_as_an_integer_or_its_text()
    {
        AppContext.SetData(BlockSize.Prefix + "Test.FromInteger", 36);
        AppContext.SetData(BlockSize.Prefix + "Test.FromText", "48");
        Assert.Equal(36, BlockSize.Read("Test.FromInteger", 72, multipleOf: 6));
        Assert.Equal(48, BlockSize.Read("Test.FromText", 72, multipleOf: 6));
        Assert.Equal(72, BlockSize.Read("Test.NotSet", 72, multipleOf: 6));
    }

    [Theory]
    [InlineData("Test.NotAMultiple", 40, "positive multiple of 6")]
    [InlineData("Test.Zero", 0, "positive multiple of 6")]
    [InlineData("Test.NotANumber", "many", "must be an integer")]
    public void A_bad_override_is_named(string name, object value, string expected)
    {
        AppContext.SetData(BlockSize.Prefix + name, value);
        var error = Assert.Throws<InvalidOperationException>(() => BlockSize.Read(name, 72, multipleOf: 6));
        Assert.Contains(BlockSize.Prefix + name, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
