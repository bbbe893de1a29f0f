using System.Globalization;

namespace Tuning.Numerics;

/// <summary>
/// Reads the block sizes of the blocked linear algebra (<see cref="Gemm"/>, <see cref="Cholesky"/>,
/// <see cref="TriangularSolve"/>). Each is a constant of its algorithm, chosen by measurement on the reference
/// matrices; only the benchmarks change one, to measure another choice, by setting the <see cref="AppContext"/> value
/// <c>Tuning.Numerics.</c> + its name (for example <c>AppContext.SetData("Tuning.Numerics.Gemm.KC", 128)</c>) before the
/// first factorization. The value is read once, when its class is first used, into a <c>static readonly</c> field
/// that the JIT treats as a constant from then on; it is not a supported setting of the library.
/// </summary>
internal static class BlockSize
{
    /// <summary>The prefix of the <see cref="AppContext"/> names of the overrides.</summary>
    public const string Prefix = "Tuning.Numerics.";

    /// <summary>The block size <paramref name="name"/>: <paramref name="value"/>, unless the process overrides it.</summary>
    /// <param name="name">The name after <see cref="Prefix"/>, such as <c>Gemm.KC</c>.</param>
    /// <param name="value">The constant.</param>
    /// <param name="multipleOf">What an override must be a positive multiple of.</param>
    /// <exception cref="InvalidOperationException">The override is not an integer, or not a positive multiple of <paramref name="multipleOf"/>.</exception>
    public static int Read(string name, int value, int multipleOf = 1)
    {
        object? data = AppContext.GetData(Prefix + name);
        if (data is null)
        {
            return value;
        }

        int chosen = data switch
        {
            int i => i,
            string s when int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int parsed) => parsed,
            _ => throw new InvalidOperationException($"The block size {Prefix}{name} must be an integer, not '{data}'."),
        };

        if (chosen < multipleOf || chosen % multipleOf != 0)
        {
            throw new InvalidOperationException($"The block size {Prefix}{name} = {chosen} must be a positive multiple of {multipleOf}.");
        }

        return chosen;
    }
}
