using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Tuning.Numerics;

/// <summary>
/// How <see cref="Gemm"/> lays out its operands before the micro-kernel reads them: panels of op(A) and op(B) copied
/// into contiguous micro-panels of <see cref="Gemm.MR"/> rows or <see cref="Gemm.NR"/> columns, zero-padded at the
/// edges, so that the kernel's loads are sequential whatever the operands' strides and transposition.
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>Packs op(A)[ic.., pc..] (mc×kc) as micro-panels: dest[(r/MR)·MR·kc + p·MR + r % MR], zero-padded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void PackA(double* a, int lda, bool transposed, int ic, int pc, int mc, int kc, double* dest)
    {
        for (int r0 = 0; r0 < mc; r0 += Gemm.MR)
        {
            int rows = Math.Min(Gemm.MR, mc - r0);
            double* panel = dest + (r0 * kc);
            if (transposed)
            {
                for (int p = 0; p < kc; p++)
                {
                    double* src = a + ((long)(pc + p) * lda) + ic + r0;
                    double* d = panel + (p * Gemm.MR);
                    int r = 0;
                    for (; r < rows; r++)
                    {
                        d[r] = src[r];
                    }

                    for (; r < Gemm.MR; r++)
                    {
                        d[r] = 0;
                    }
                }
            }
            else
            {
                for (int r = 0; r < rows; r++)
                {
                    double* src = a + ((long)(ic + r0 + r) * lda) + pc;
                    double* d = panel + r;
                    for (int p = 0; p < kc; p++)
                    {
                        d[p * Gemm.MR] = src[p];
                    }
                }

                for (int r = rows; r < Gemm.MR; r++)
                {
                    for (int p = 0; p < kc; p++)
                    {
                        panel[(p * Gemm.MR) + r] = 0;
                    }
                }
            }
        }
    }

    /// <summary>Packs op(B)[pc.., jc..] (kc×nc) as micro-panels: dest[(q/NR)·NR·kc + p·NR + q % NR], zero-padded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void PackB(double* b, int ldb, bool transposed, int pc, int jc, int kc, int nc, double* dest)
    {
        for (int q0 = 0; q0 < nc; q0 += Gemm.NR)
        {
            int cols = Math.Min(Gemm.NR, nc - q0);
            double* panel = dest + (q0 * kc);
            if (transposed)
            {
                // op(B)[p, j] = b[j·ldb + p]: read 4 columns of 4 rows and transpose them in registers.
                int q = 0;
                for (; q + 4 <= cols; q += 4)
                {
                    double* s0 = b + ((long)(jc + q0 + q) * ldb) + pc;
                    double* s1 = s0 + ldb, s2 = s1 + ldb, s3 = s2 + ldb;
                    int p = 0;
                    for (; p + 4 <= kc; p += 4)
                    {
                        Transpose4(Vector256.Load(s0 + p), Vector256.Load(s1 + p), Vector256.Load(s2 + p), Vector256.Load(s3 + p),
                            panel + (p * Gemm.NR) + q, Gemm.NR);
                    }

                    for (; p < kc; p++)
                    {
                        double* d = panel + (p * Gemm.NR) + q;
                        d[0] = s0[p];
                        d[1] = s1[p];
                        d[2] = s2[p];
                        d[3] = s3[p];
                    }
                }

                for (; q < Gemm.NR; q++)
                {
                    if (q < cols)
                    {
                        double* src = b + ((long)(jc + q0 + q) * ldb) + pc;
                        for (int p = 0; p < kc; p++)
                        {
                            panel[(p * Gemm.NR) + q] = src[p];
                        }
                    }
                    else
                    {
                        for (int p = 0; p < kc; p++)
                        {
                            panel[(p * Gemm.NR) + q] = 0;
                        }
                    }
                }
            }
            else if (cols == Gemm.NR)
            {
                for (int p = 0; p < kc; p++)
                {
                    double* src = b + ((long)(pc + p) * ldb) + jc + q0;
                    Vector256.Store(Vector256.Load(src), panel + (p * Gemm.NR));
                    Vector256.Store(Vector256.Load(src + 4), panel + (p * Gemm.NR) + 4);
                }
            }
            else
            {
                for (int p = 0; p < kc; p++)
                {
                    double* src = b + ((long)(pc + p) * ldb) + jc + q0;
                    double* d = panel + (p * Gemm.NR);
                    int q = 0;
                    for (; q < cols; q++)
                    {
                        d[q] = src[q];
                    }

                    for (; q < Gemm.NR; q++)
                    {
                        d[q] = 0;
                    }
                }
            }
        }
    }

    /// <summary>Writes the transpose of the 4×4 block with rows r0..r3 to dest (row stride <paramref name="stride"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose4(Vector256<double> r0, Vector256<double> r1, Vector256<double> r2, Vector256<double> r3, double* dest, int stride)
    {
        // Classic unpack / permute2f128 transpose.
        Vector256<double> t0 = Avx.UnpackLow(r0, r1);
        Vector256<double> t1 = Avx.UnpackHigh(r0, r1);
        Vector256<double> t2 = Avx.UnpackLow(r2, r3);
        Vector256<double> t3 = Avx.UnpackHigh(r2, r3);
        Vector256.Store(Avx.Permute2x128(t0, t2, 0x20), dest);
        Vector256.Store(Avx.Permute2x128(t1, t3, 0x20), dest + stride);
        Vector256.Store(Avx.Permute2x128(t0, t2, 0x31), dest + (2 * stride));
        Vector256.Store(Avx.Permute2x128(t1, t3, 0x31), dest + (3 * stride));
    }
}
