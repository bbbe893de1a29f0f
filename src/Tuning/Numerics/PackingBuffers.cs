using System.Runtime.CompilerServices;

namespace Tuning.Numerics;

/// <summary>
/// Per-thread, pinned, 64-byte aligned scratch for the packed panels of <see cref="Gemm"/>, grown on demand and kept
/// for the life of the thread so the hot paths do not allocate.
/// </summary>
internal static unsafe class PackingBuffers
{
    [ThreadStatic]
    private static double[]? t_a;

    [ThreadStatic]
    private static double[]? t_b;

    /// <summary>Returns an aligned pointer to at least <paramref name="length"/> doubles for packed A panels.</summary>
    /// <param name="length">The number of doubles needed.</param>
    /// <returns>A pointer valid on this thread until the next call with a larger length.</returns>
    public static double* A(int length) => Get(ref t_a, length);

    /// <summary>Returns an aligned pointer to at least <paramref name="length"/> doubles for packed B panels.</summary>
    /// <param name="length">The number of doubles needed.</param>
    /// <returns>A pointer valid on this thread until the next call with a larger length.</returns>
    public static double* B(int length) => Get(ref t_b, length);

    private static double* Get(ref double[]? buffer, int length)
    {
        if (buffer is null || buffer.Length < length + 8)
        {
            // Pinned-object-heap arrays never move, so the pointer stays valid without a fixed block.
            buffer = GC.AllocateUninitializedArray<double>(length + 8, pinned: true);
        }

        nint address = (nint)Unsafe.AsPointer(ref buffer[0]);
        return (double*)((address + 63) & ~(nint)63);
    }
}
