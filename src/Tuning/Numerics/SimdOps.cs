using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Tuning.Numerics;

/// <summary>
/// The few vector operations the kernel-matrix drivers need, abstracted over the vector width so that one generic
/// driver serves <see cref="Vector128{T}"/>, <see cref="Vector256{T}"/>, <see cref="Vector512{T}"/> and plain
/// <see cref="double"/> (the scalar tail). The JIT specializes the driver per width, so the abstraction costs nothing.
/// </summary>
/// <typeparam name="TVec">The vector type (or <see cref="double"/> for one lane).</typeparam>
internal interface ISimdOps<TVec>
    where TVec : unmanaged
{
    /// <summary>Gets the number of doubles in one <typeparamref name="TVec"/>.</summary>
    static abstract int Count { get; }

    /// <summary>Returns a vector with every lane set to <paramref name="value"/>.</summary>
    static abstract TVec Create(double value);

    /// <summary>Loads <see cref="Count"/> doubles starting at <paramref name="source"/>.</summary>
    static abstract TVec Load(ref double source);

    /// <summary>Stores <see cref="Count"/> doubles starting at <paramref name="destination"/>.</summary>
    static abstract void Store(TVec value, ref double destination);

    /// <summary>Returns <c>a + b</c>.</summary>
    static abstract TVec Add(TVec a, TVec b);

    /// <summary>Returns <c>a − b</c>.</summary>
    static abstract TVec Subtract(TVec a, TVec b);

    /// <summary>Returns <c>a · b</c>.</summary>
    static abstract TVec Multiply(TVec a, TVec b);

    /// <summary>Returns <c>a · b + c</c>, fused when the hardware has FMA.</summary>
    static abstract TVec MultiplyAdd(TVec a, TVec b, TVec c);

    /// <summary>Returns the square root of each lane.</summary>
    static abstract TVec Sqrt(TVec a);

    /// <summary>Returns e raised to each lane.</summary>
    static abstract TVec Exp(TVec a);

    /// <summary>Returns the sum of the lanes.</summary>
    static abstract double Sum(TVec a);
}

/// <summary>One lane: the scalar tail of every driver.</summary>
internal readonly struct ScalarOps : ISimdOps<double>
{
    /// <inheritdoc/>
    public static int Count => 1;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Create(double value) => value;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Load(ref double source) => source;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(double value, ref double destination) => destination = value;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Add(double a, double b) => a + b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Subtract(double a, double b) => a - b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Multiply(double a, double b) => a * b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double MultiplyAdd(double a, double b, double c) => Math.FusedMultiplyAdd(a, b, c);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sqrt(double a) => Math.Sqrt(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Exp(double a) => Math.Exp(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(double a) => a;
}

/// <summary>Two lanes (SSE2 / AdvSimd).</summary>
internal readonly struct Simd128Ops : ISimdOps<Vector128<double>>
{
    /// <inheritdoc/>
    public static int Count => Vector128<double>.Count;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Create(double value) => Vector128.Create(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Load(ref double source) => Vector128.LoadUnsafe(ref source);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<double> value, ref double destination) => value.StoreUnsafe(ref destination);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Add(Vector128<double> a, Vector128<double> b) => a + b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Subtract(Vector128<double> a, Vector128<double> b) => a - b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Multiply(Vector128<double> a, Vector128<double> b) => a * b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> MultiplyAdd(Vector128<double> a, Vector128<double> b, Vector128<double> c) =>
        Vector128.MultiplyAddEstimate(a, b, c);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Sqrt(Vector128<double> a) => Vector128.Sqrt(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Exp(Vector128<double> a) => VectorExp.Exp(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(Vector128<double> a) => Vector128.Sum(a);
}

/// <summary>Four lanes (AVX2).</summary>
internal readonly struct Simd256Ops : ISimdOps<Vector256<double>>
{
    /// <inheritdoc/>
    public static int Count => Vector256<double>.Count;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Create(double value) => Vector256.Create(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Load(ref double source) => Vector256.LoadUnsafe(ref source);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<double> value, ref double destination) => value.StoreUnsafe(ref destination);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Add(Vector256<double> a, Vector256<double> b) => a + b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Subtract(Vector256<double> a, Vector256<double> b) => a - b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Multiply(Vector256<double> a, Vector256<double> b) => a * b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> MultiplyAdd(Vector256<double> a, Vector256<double> b, Vector256<double> c) =>
        Vector256.MultiplyAddEstimate(a, b, c);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Sqrt(Vector256<double> a) => Vector256.Sqrt(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Exp(Vector256<double> a) => VectorExp.Exp(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(Vector256<double> a) => Vector256.Sum(a);
}

/// <summary>Eight lanes (AVX-512). Functionally correct everywhere; fast only where accelerated.</summary>
internal readonly struct Simd512Ops : ISimdOps<Vector512<double>>
{
    /// <inheritdoc/>
    public static int Count => Vector512<double>.Count;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Create(double value) => Vector512.Create(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Load(ref double source) => Vector512.LoadUnsafe(ref source);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<double> value, ref double destination) => value.StoreUnsafe(ref destination);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Add(Vector512<double> a, Vector512<double> b) => a + b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Subtract(Vector512<double> a, Vector512<double> b) => a - b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Multiply(Vector512<double> a, Vector512<double> b) => a * b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> MultiplyAdd(Vector512<double> a, Vector512<double> b, Vector512<double> c) =>
        Vector512.MultiplyAddEstimate(a, b, c);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Sqrt(Vector512<double> a) => Vector512.Sqrt(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Exp(Vector512<double> a) => VectorExp.Exp(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(Vector512<double> a) => Vector512.Sum(a);
}

/// <summary>Which vector width a driver runs with; <see cref="Auto"/> picks the widest accelerated one.</summary>
internal enum SimdWidth
{
    /// <summary>The widest width the hardware accelerates (512, then 256, then 128 bits, else scalar).</summary>
    Auto,

    /// <summary>One lane at a time.</summary>
    Scalar,

    /// <summary><see cref="Vector128{T}"/>.</summary>
    Vector128,

    /// <summary><see cref="Vector256{T}"/>.</summary>
    Vector256,

    /// <summary><see cref="Vector512{T}"/> (emulated with two 256-bit halves where not accelerated).</summary>
    Vector512,
}

/// <summary>Resolves <see cref="SimdWidth.Auto"/>.</summary>
internal static class SimdWidthExtensions
{
    /// <summary>Returns <paramref name="width"/>, or the widest accelerated width for <see cref="SimdWidth.Auto"/>.</summary>
    /// <param name="width">The requested width.</param>
    /// <returns>A concrete width.</returns>
    public static SimdWidth Resolve(this SimdWidth width) => width != SimdWidth.Auto ? width
        : Vector512.IsHardwareAccelerated ? SimdWidth.Vector512
        : Vector256.IsHardwareAccelerated ? SimdWidth.Vector256
        : Vector128.IsHardwareAccelerated ? SimdWidth.Vector128
        : SimdWidth.Scalar;
}
