#ifndef GRADE_C_MATRIX_KERNEL_H
#define GRADE_C_MATRIX_KERNEL_H

#include <stddef.h>
#include <stdint.h>

/// The fewest multiply-adds (`m·k·n`) a product splits between two threads: about 0.2 ms of
/// work on one core, several times what starting and joining a thread costs.
#define GRADE_MATRIX_PARALLEL_WORK 4000000.0

/// C = A·B for row-major A (m×k), B (k×n) and C (m×n), C fully overwritten.
///
/// Every entry is the sum `Σ_p a[i·k+p]·b[p·n+j]` taken in increasing `p`, one rounded
/// multiply and one rounded add at a time (no fused multiply-add, no reassociation), so the
/// result is bit for bit that of the textbook triple loop, IEEE throughout (`0·∞` is NaN), on
/// every processor. Only the order of the work changes: C is computed in tiles of 4 rows × 8,
/// 4, 2 or 1 columns whose sums stay in registers while `p` runs, and on x86-64 the widest
/// vector instructions the processor has (AVX-512, AVX2, else SSE2) are chosen when the
/// program loads. A product of at least ``GRADE_MATRIX_PARALLEL_WORK`` multiply-adds (with at
/// least 8 rows) computes the lower half of C's rows on a second thread, joined before it
/// returns, with the same bits; when no thread can be started, all on the calling one.
void grade_matrix_multiply(const double *a, const double *b, double *c, ptrdiff_t m, ptrdiff_t k, ptrdiff_t n);

/// C = Aᵀ·B for row-major A (k×m), B (k×n) and C (m×n), C fully overwritten, without writing Aᵀ
/// out: every entry is the sum `Σ_p a[p·m+i]·b[p·n+j]` taken in increasing `p`, so the bits are
/// those of ``grade_matrix_multiply`` of the transpose, on one thread or two as it splits.
/// Each of two kernels computes them, chosen by the processor and `n`: down A's columns, four
/// columns of A for 8, 4, 2 or 1 columns of C at a time (as ``grade_matrix_multiply``), or down
/// A's rows, a vector of consecutive entries of a row of A times each of up to 12 entries of B's
/// row, so that A is read once and in order.
void grade_matrix_multiply_transposed(const double *a, const double *b, double *c, ptrdiff_t m, ptrdiff_t k, ptrdiff_t n);

/// The kernels of ``grade_matrix_multiply_transposed``.
typedef enum {
    /// The one the processor and `n` choose.
    GRADE_TRANSPOSED_AUTOMATIC = 0,
    /// Down A's columns, compiled for the processor's widest vectors.
    GRADE_TRANSPOSED_DOWN_COLUMNS = 1,
    /// Down A's rows, two vectors of 8 with AVX-512, one of 4 with AVX2, one of 2 with SSE2.
    GRADE_TRANSPOSED_DOWN_ROWS_AVX512 = 2,
    GRADE_TRANSPOSED_DOWN_ROWS_AVX2 = 3,
    GRADE_TRANSPOSED_DOWN_ROWS_SSE2 = 4,
} grade_transposed_kernel;

/// ``grade_matrix_multiply_transposed`` with a given kernel: 1, or 0 (and C untouched) when the
/// processor has not the instructions it needs. For tests and measurements.
int grade_matrix_multiply_transposed_with(grade_transposed_kernel kernel, const double *a, const double *b, double *c,
                                          ptrdiff_t m, ptrdiff_t k, ptrdiff_t n);

/// T = Aᵀ for row-major A (m×n) and T (n×m), T fully overwritten: `t[j·m+i] = a[i·n+j]`, the
/// entries moved, never computed. In tiles of 64×64, each row of T written in one run.
void grade_matrix_transpose(const double *a, double *t, ptrdiff_t m, ptrdiff_t n);

/// The next standard normal sample of the SplitMix64 generator whose state is `*state`, by the
/// ziggurat method (Marsaglia and Tsang, 2000, in Doornik's form, 2005, with 128 layers of equal
/// area `v`), advancing the state by every 64 bits it reads.
///
/// One draw of 64 bits gives a layer `i` (its low 7 bits) and `u = 2·U − 1` in `[−1, 1)` (its high
/// 53 bits, `U = bits₅₃ · 2⁻⁵³`). When `|u|·xᵢ < xᵢ₊₁`, as in about 99% of draws, the sample is
/// `u·xᵢ`. Otherwise, in layer 0, the tail beyond `r = x₁` is drawn by Marsaglia's method
/// (`a = ln(U₁)/r`, `b = ln(U₂)` until `−2b ≥ a²`; the sample is `±(r − a)`); in any other layer
/// `t = u·xᵢ` is the sample if `f(xᵢ₊₁) + U·(f(xᵢ) − f(xᵢ₊₁)) < f(t)` (divided through by f(t)),
/// with `f(x) = e^(−x²/2)`, and the draw starts again if not. Every operation is rounded on its
/// own (no fused multiply-add), and `ln` and `e^x` are the C library's, so the samples are the
/// same bits on every processor.
double grade_next_normal(uint64_t *state);

/// Writes `mean + scale · z` into `out[0..<count]`, each `z` the next sample of
/// ``grade_next_normal`` in order, so the bits are those of `count` calls of it. Compiled for
/// AVX-512, AVX2 and SSE2 like the products (the same bits on each); the whole 2 MiB pages of a
/// large `out` are asked for in huge pages, which saves most of the first touch of fresh memory.
void grade_fill_normal(uint64_t *state, double *out, ptrdiff_t count, double mean, double scale);

#endif
