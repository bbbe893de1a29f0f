using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Tuning.Numerics;

/// <summary>
/// The one matrix product everything blocked reduces to: C −= op(A)·op(B), row-major, optionally only on C's lower
/// triangle. Organized as in BLIS (Van Zee &amp; van de Geijn, TOMS 2015): panels of A and B are packed into
/// contiguous, zero-padded micro-panels (<see cref="GemmPacking"/>), and a register-blocked <see cref="MR"/>×<see cref="NR"/> FMA micro-kernel
/// (12 accumulators in 256-bit registers) does the arithmetic. SIMD runs across the columns of C.
/// </summary>
internal static unsafe class Gemm
{
    /// <summary>Rows of C per micro-tile (broadcast side).</summary>
    public const int MR = 6;

    /// <summary>Columns of C per micro-tile (two 256-bit vectors).</summary>
    public const int NR = 8;

    /// <summary>
    /// Inner-dimension block: a packed A block of <see cref="MC"/>×KC stays in L2 and a B micro-panel KC×<see cref="NR"/>
    /// in L1. 256; the benchmarks alone override it (<see cref="BlockSize"/>).
    /// </summary>
    internal static readonly int KC = BlockSize.Read("Gemm.KC", 256);

    /// <summary>Rows of C per packed A block; a multiple of <see cref="MR"/>. 72; the benchmarks alone override it (<see cref="BlockSize"/>).</summary>
    internal static readonly int MC = BlockSize.Read("Gemm.MC", 72, multipleOf: MR);

    /// <summary>Columns of C per packed B panel; a multiple of <see cref="NR"/>. 2048; the benchmarks alone override it (<see cref="BlockSize"/>).</summary>
    internal static readonly int NC = BlockSize.Read("Gemm.NC", 2048, multipleOf: NR);

    /// <summary>Span form of <see cref="MultiplySubtract(double*, int, int, int, int, double*, int, bool, double*, int, bool, bool, bool)"/>; the caller guarantees the sizes.</summary>
    /// <param name="c">C.</param>
    /// <param name="ldc">Leading dimension of C.</param>
    /// <param name="m">Rows of C.</param>
    /// <param name="n">Columns of C.</param>
    /// <param name="k">Inner dimension.</param>
    /// <param name="a">A.</param>
    /// <param name="lda">Leading dimension of A.</param>
    /// <param name="aTransposed">Whether A is stored transposed.</param>
    /// <param name="b">B.</param>
    /// <param name="ldb">Leading dimension of B.</param>
    /// <param name="bTransposed">Whether B is stored transposed.</param>
    /// <param name="lowerOnly">Update only the lower triangle of C.</param>
    /// <param name="reference">Use the plain triple loop instead (the twin the tests compare against).</param>
    public static void MultiplySubtract(Span<double> c, int ldc, int m, int n, int k, ReadOnlySpan<double> a, int lda, bool aTransposed,
        ReadOnlySpan<double> b, int ldb, bool bTransposed, bool lowerOnly, bool reference = false)
    {
        fixed (double* cp = c)
        fixed (double* ap = a)
        fixed (double* bp = b)
        {
            if (reference)
            {
                Reference(cp, ldc, m, n, k, ap, lda, aTransposed, bp, ldb, bTransposed, lowerOnly);
            }
            else
            {
                MultiplySubtract(cp, ldc, m, n, k, ap, lda, aTransposed, bp, ldb, bTransposed, lowerOnly);
            }
        }
    }

    /// <summary>
    /// C[i, j] −= Σ_p op(A)[i, p] · op(B)[p, j] for i &lt; m, j &lt; n (and only j ≤ i when <paramref name="lowerOnly"/>).
    /// </summary>
    /// <param name="c">C, row-major with leading dimension <paramref name="ldc"/>.</param>
    /// <param name="ldc">Leading dimension of C.</param>
    /// <param name="m">Rows of C.</param>
    /// <param name="n">Columns of C.</param>
    /// <param name="k">Inner dimension.</param>
    /// <param name="a">A: op(A)[i, p] = a[i·lda + p], or a[p·lda + i] when <paramref name="aTransposed"/>.</param>
    /// <param name="lda">Leading dimension of A.</param>
    /// <param name="aTransposed">Whether A is stored transposed.</param>
    /// <param name="b">B: op(B)[p, j] = b[p·ldb + j], or b[j·ldb + p] when <paramref name="bTransposed"/>.</param>
    /// <param name="ldb">Leading dimension of B.</param>
    /// <param name="bTransposed">Whether B is stored transposed.</param>
    /// <param name="lowerOnly">Update only the lower triangle (with the diagonal) of C; the rest is not touched.</param>
    /// <param name="parallel">Split large products across two threads.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MultiplySubtract(double* c, int ldc, int m, int n, int k, double* a, int lda, bool aTransposed,
        double* b, int ldb, bool bTransposed, bool lowerOnly, bool parallel = false)
    {
        if (m <= 0 || n <= 0 || k <= 0)
        {
            return;
        }

        if (!Vector256.IsHardwareAccelerated)
        {
            Reference(c, ldc, m, n, k, a, lda, aTransposed, b, ldb, bTransposed, lowerOnly);
            return;
        }

        int kcMax = KC, mcMax = MC, ncMax = NC;

        // Only as much packing space as this product needs, so small products keep small buffers.
        int ncNeeded = Math.Min(ncMax, n + NR - 1 - ((n + NR - 1) % NR));
        double* packB = PackingBuffers.B(ncNeeded * Math.Min(kcMax, k));
        for (int jc = 0; jc < n; jc += ncMax)
        {
            int nc = Math.Min(ncMax, n - jc);
            for (int pc = 0; pc < k; pc += kcMax)
            {
                int kc = Math.Min(kcMax, k - pc);
                GemmPacking.PackB(b, ldb, bTransposed, pc, jc, kc, nc, packB);
                int icStart = lowerOnly ? jc - (jc % MR) : 0;
                int blocks = (m - icStart + mcMax - 1) / mcMax;
                var panel = new Panel(c, ldc, m, a, lda, aTransposed, packB, jc, nc, pc, kc, icStart, lowerOnly);
                if (parallel && blocks >= 2 && (long)(m - icStart) * nc * kc >= ParallelThreshold)
                {
                    // Both workers share the packed B panel; each packs its own A blocks (thread-local buffers).
                    // Blocks are dealt alternately so the growing rows of a lower triangle split evenly.
                    System.Threading.Tasks.Parallel.For(0, 2, worker =>
                    {
                        for (int block = worker; block < blocks; block += 2)
                        {
                            panel.Run(block);
                        }
                    });
                }
                else
                {
                    for (int block = 0; block < blocks; block++)
                    {
                        panel.Run(block);
                    }
                }
            }
        }
    }

    /// <summary>Work at or above this many multiply-adds per packed B panel is split across two threads when asked.</summary>
    internal static long ParallelThreshold = 1L << 21;

    /// <summary>One packed B panel (kc×nc) against all of its row blocks: the part of the loop nest that can run in parallel.</summary>
    private readonly struct Panel(double* c, int ldc, int m, double* a, int lda, bool aTransposed, double* packB,
        int jc, int nc, int pc, int kc, int icStart, bool lowerOnly)
    {
        /// <summary>Packs row block <paramref name="block"/> of A and multiplies it with every micro-panel of B.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run(int block)
        {
            int mcMax = MC;
            int ic = icStart + (block * mcMax);
            int mc = Math.Min(mcMax, m - ic);
            double* packA = PackingBuffers.A((mc + MR - 1 - ((mc + MR - 1) % MR)) * kc);
            double* tile = stackalloc double[MR * NR];
            GemmPacking.PackA(a, lda, aTransposed, ic, pc, mc, kc, packA);

            // In the lower triangle, rows below ic + mc never need columns past it.
            int ncHere = lowerOnly ? Math.Min(nc, ic + mc - jc) : nc;
            for (int jr = 0; jr < ncHere; jr += NR)
            {
                int nr = Math.Min(NR, nc - jr);
                int j0 = jc + jr;
                double* bPanel = packB + (jr * kc);
                for (int ir = 0; ir < mc; ir += MR)
                {
                    int mr = Math.Min(MR, mc - ir);
                    int i0 = ic + ir;
                    if (lowerOnly && j0 > i0 + mr - 1)
                    {
                        continue;
                    }

                    double* aPanel = packA + (ir * kc);
                    double* cTile = c + ((long)i0 * ldc) + j0;
                    bool straddles = lowerOnly && j0 + nr - 1 > i0;
                    if (mr == MR && nr == NR && !straddles)
                    {
                        Kernel6x8(kc, aPanel, bPanel, cTile, ldc);
                    }
                    else
                    {
                        // Edge or diagonal tile: compute into scratch, add back only the entries that exist.
                        new Span<double>(tile, MR * NR).Clear();
                        Kernel6x8(kc, aPanel, bPanel, tile, NR);
                        for (int r = 0; r < mr; r++)
                        {
                            int last = lowerOnly ? Math.Min(nr, i0 + r - j0 + 1) : nr;
                            double* cRow = cTile + ((long)r * ldc);
                            for (int q = 0; q < last; q++)
                            {
                                cRow[q] += tile[(r * NR) + q];
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// The micro-kernel: C[0..6, 0..8] −= Σ_p a[p·6 + r] · b[p·8 + q], with a and b packed micro-panels.
    /// 12 accumulators + 2 B vectors + 1 broadcast fit the 16 AVX2 registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel6x8(int kc, double* a, double* b, double* c, int ldc)
    {
        Vector256<double> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<double> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector256<double> b0 = Vector256.Load(b);
            Vector256<double> b1 = Vector256.Load(b + 4);
            Vector256<double> ai = Vector256.Create(a[0]);
            c00 = Vector256.MultiplyAddEstimate(ai, b0, c00);
            c01 = Vector256.MultiplyAddEstimate(ai, b1, c01);
            ai = Vector256.Create(a[1]);
            c10 = Vector256.MultiplyAddEstimate(ai, b0, c10);
            c11 = Vector256.MultiplyAddEstimate(ai, b1, c11);
            ai = Vector256.Create(a[2]);
            c20 = Vector256.MultiplyAddEstimate(ai, b0, c20);
            c21 = Vector256.MultiplyAddEstimate(ai, b1, c21);
            ai = Vector256.Create(a[3]);
            c30 = Vector256.MultiplyAddEstimate(ai, b0, c30);
            c31 = Vector256.MultiplyAddEstimate(ai, b1, c31);
            ai = Vector256.Create(a[4]);
            c40 = Vector256.MultiplyAddEstimate(ai, b0, c40);
            c41 = Vector256.MultiplyAddEstimate(ai, b1, c41);
            ai = Vector256.Create(a[5]);
            c50 = Vector256.MultiplyAddEstimate(ai, b0, c50);
            c51 = Vector256.MultiplyAddEstimate(ai, b1, c51);
            a += MR;
            b += NR;
        }

        Subtract(c, c00, c01);
        Subtract(c + ldc, c10, c11);
        Subtract(c + (2 * ldc), c20, c21);
        Subtract(c + (3 * ldc), c30, c31);
        Subtract(c + (4 * ldc), c40, c41);
        Subtract(c + (5 * ldc), c50, c51);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Subtract(double* row, Vector256<double> left, Vector256<double> right)
    {
        Vector256.Store(Vector256.Load(row) - left, row);
        Vector256.Store(Vector256.Load(row + 4) - right, row + 4);
    }

    /// <summary>Plain triple loop with the same contract, for hardware without 256-bit vectors.</summary>
    internal static void Reference(double* c, int ldc, int m, int n, int k, double* a, int lda, bool aTransposed,
        double* b, int ldb, bool bTransposed, bool lowerOnly)
    {
        for (int i = 0; i < m; i++)
        {
            int jEnd = lowerOnly ? Math.Min(n, i + 1) : n;
            for (int j = 0; j < jEnd; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++)
                {
                    double av = aTransposed ? a[((long)p * lda) + i] : a[((long)i * lda) + p];
                    double bv = bTransposed ? b[((long)j * ldb) + p] : b[((long)p * ldb) + j];
                    sum += av * bv;
                }

                c[((long)i * ldc) + j] -= sum;
            }
        }
    }
}
