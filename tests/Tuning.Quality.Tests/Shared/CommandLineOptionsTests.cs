using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Tuning.BenchmarkSupport;

namespace Tuning.Quality.Tests;

/// <summary>The strict reading of the benchmark programs' options (benchmarks/Shared/CommandLineOptions.cs).</summary>
public sealed class CommandLineOptionsTests
{
    private const string Seed = "(20261206,4413)";

    [Property(MaxTest = 200, Replay = Seed)]
    public bool A_count_is_its_number_when_at_least_the_minimum_and_refused_below(int value, int minimum)
    {
        string[] args = ["--seeds", value.ToString(CultureInfo.InvariantCulture)];
        return value >= minimum
            ? CommandLineOptions.Count(args, "--seeds", fallback: -7, minimum) == value
            : Refuses(() => CommandLineOptions.Count(args, "--seeds", fallback: -7, minimum), "--seeds");
    }

    [Property(MaxTest = 200, Replay = Seed)]
    public Property A_count_that_is_no_whole_number_is_refused() =>
        Prop.ForAll(
            Gen.Elements("x", "1.5", "1e3", "", " 3", "3 ", "0x10", "99999999999", "1,5").ToArbitrary(),
            text => Refuses(() => CommandLineOptions.Count(["--jobs", text], "--jobs", fallback: 1, minimum: 1), "--jobs"));

    [Property(MaxTest = 100, Replay = Seed)]
    public bool A_list_of_counts_is_refused_when_any_is_below_the_minimum(NonEmptyArray<int> values)
    {
        string[] args = ["--sizes", string.Join(',', values.Get.Select(v => v.ToString(CultureInfo.InvariantCulture)))];
        return values.Get.All(v => v >= 1)
            ? CommandLineOptions.Counts(args, "--sizes", [100], minimum: 1).SequenceEqual(values.Get)
            : Refuses(() => CommandLineOptions.Counts(args, "--sizes", [100], minimum: 1), "--sizes");
    }

    [Fact]
    public void An_option_not_given_is_its_fallback() =>
        Assert.Equal(10, CommandLineOptions.Count(["--quick"], "--seeds", fallback: 10, minimum: 1));

    [Theory]
    [InlineData("--seeds")]
    [InlineData("--seeds", "--quick")]
    public void An_option_without_its_value_is_refused(params string[] args) =>
        Assert.True(Refuses(() => CommandLineOptions.Value(args, "--seeds"), "--seeds"));

    [Fact]
    public void An_option_given_twice_is_refused() =>
        Assert.True(Refuses(() => CommandLineOptions.Count(["--seeds", "3", "--quick", "--seeds", "5"], "--seeds", fallback: 10, minimum: 1), "--seeds"));

    [Fact]
    public void The_first_argument_that_is_no_known_option_is_unknown()
    {
        string[] values = ["--seeds", "--out"], flags = ["--quick"];

        Assert.Null(CommandLineOptions.Unknown(["study", "--seeds", "3", "--quick", "--out", "x"], values, flags, skip: 1));
        Assert.Equal("--sede", CommandLineOptions.Unknown(["--quick", "--sede", "3"], values, flags));
        Assert.Equal("3", CommandLineOptions.Unknown(["--quick", "3"], values, flags));
    }

    private static bool Refuses(Func<object?> read, string option)
    {
        try
        {
            read();
            return false;
        }
        catch (UsageException e)
        {
            return e.Message.Contains(option, StringComparison.Ordinal);
        }
    }
}
