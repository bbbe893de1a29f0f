using FsCheck;
using FsCheck.Fluent;

namespace Tuning.Tests.Support;

/// <summary>Runs FsCheck properties with a fixed replay seed, so every run checks the same cases.</summary>
internal static class PropertyCheck
{
    public static void ForAll<T>(Gen<T> generator, Action<T> property, int maxTest = 100, ulong seed = 20261127) =>
        ForAll(generator.ToArbitrary(), property, maxTest, seed);

    /// <summary>Checks a property over an arbitrary whose shrinker reduces a failing case to a smallest one.</summary>
    public static void ForAll<T>(Arbitrary<T> arbitrary, Action<T> property, int maxTest = 100, ulong seed = 20261127)
    {
        Prop.ForAll(arbitrary, property)
            .Check(Config.QuickThrowOnFailure.WithMaxTest(maxTest).WithReplay(seed, 0x9E3779B97F4A7C15UL | 1));
    }

    /// <summary>A generator of seeds, for cases built by a seeded constructor.</summary>
    public static Gen<int> Seeds => Gen.Choose(0, int.MaxValue);
}
