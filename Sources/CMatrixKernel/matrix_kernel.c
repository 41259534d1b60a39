#include "CMatrixKernel.h"

#include <pthread.h>

// Each product and each sum is rounded on its own: a fused multiply-add would change the bits.
#pragma clang fp contract(off)

typedef double v8 __attribute__((vector_size(64)));
typedef double v4 __attribute__((vector_size(32)));
typedef double v2 __attribute__((vector_size(16)));

// Unaligned loads and stores of a vector, as macros: a function taking or returning a vector
// type would have a different calling convention in each clone.
#define GRADE_LOAD(V, p) ({ V loaded_; __builtin_memcpy(&loaded_, (p), sizeof loaded_); loaded_; })
#define GRADE_STORE(p, v) do { __typeof__(v) stored_ = (v); __builtin_memcpy((p), &stored_, sizeof stored_); } while (0)

#define GRADE_TILE(V)                                                                               \
    /* One tile of `rows` (4 or 1) rows × the vector's width of columns of C. */                   \
    static inline __attribute__((always_inline)) void tile_##V(int rows, const double *a, const double *b, \
                                                                double *c, ptrdiff_t k, ptrdiff_t n) { \
        if (rows == 4) {                                                                            \
            V s0 = {0}, s1 = {0}, s2 = {0}, s3 = {0};                                               \
            const double *a0 = a, *a1 = a + k, *a2 = a + 2 * k, *a3 = a + 3 * k;                    \
            for (ptrdiff_t p = 0; p < k; p++) {                                                     \
                V row = GRADE_LOAD(V, b + p * n);                                                   \
                s0 += a0[p] * row;                                                                  \
                s1 += a1[p] * row;                                                                  \
                s2 += a2[p] * row;                                                                  \
                s3 += a3[p] * row;                                                                  \
            }                                                                                       \
            GRADE_STORE(c, s0); GRADE_STORE(c + n, s1); GRADE_STORE(c + 2 * n, s2); GRADE_STORE(c + 3 * n, s3); \
        } else {                                                                                    \
            V s0 = {0};                                                                             \
            for (ptrdiff_t p = 0; p < k; p++) s0 += a[p] * GRADE_LOAD(V, b + p * n);                \
            GRADE_STORE(c, s0);                                                                     \
        }                                                                                           \
    }

GRADE_TILE(v8)
GRADE_TILE(v4)
GRADE_TILE(v2)

static inline __attribute__((always_inline)) void tile_scalar(int rows, const double *a, const double *b, double *c,
                                                              ptrdiff_t k, ptrdiff_t n) {
    for (int r = 0; r < rows; r++) {
        double s = 0;
        const double *ar = a + r * k;
        for (ptrdiff_t p = 0; p < k; p++) s += ar[p] * b[p * n];
        c[r * n] = s;
    }
}

/// One band of `rows` rows of C, in column tiles of 8, 4, 2 and 1.
static inline __attribute__((always_inline)) void band(int rows, const double *a, const double *b, double *c,
                                                       ptrdiff_t k, ptrdiff_t n) {
    ptrdiff_t j = 0;
    for (; j + 8 <= n; j += 8) tile_v8(rows, a, b + j, c + j, k, n);
    if (j + 4 <= n) { tile_v4(rows, a, b + j, c + j, k, n); j += 4; }
    if (j + 2 <= n) { tile_v2(rows, a, b + j, c + j, k, n); j += 2; }
    if (j < n) tile_scalar(rows, a, b + j, c + j, k, n);
}

/// Rows `0..<m` of C = A·B, `k`, `n` > 0.
#if defined(__x86_64__) && defined(__linux__)
__attribute__((target_clones("avx512f", "avx2", "default")))
#endif
static void multiply_rows(const double *a, const double *b, double *c, ptrdiff_t m, ptrdiff_t k, ptrdiff_t n) {
    ptrdiff_t i = 0;
    for (; i + 4 <= m; i += 4) band(4, a + i * k, b, c + i * n, k, n);
    for (; i < m; i++) band(1, a + i * k, b, c + i * n, k, n);
}

#define GRADE_TILE_TRANSPOSED(V)                                                                    \
    /* One tile of `rows` (4 or 1) rows × the vector's width of columns of C = Aᵀ·B, for A k×m: */ \
    /* row i of C is column i of A, whose entries `a[p * m]` are read down A's rows. */            \
    static inline __attribute__((always_inline)) void transposed_tile_##V(int rows, const double *a, const double *b, \
                                                                           double *c, ptrdiff_t k, ptrdiff_t m, ptrdiff_t n) { \
        if (rows == 4) {                                                                            \
            V s0 = {0}, s1 = {0}, s2 = {0}, s3 = {0};                                               \
            for (ptrdiff_t p = 0; p < k; p++) {                                                     \
                V row = GRADE_LOAD(V, b + p * n);                                                   \
                const double *ap = a + p * m;                                                       \
                s0 += ap[0] * row;                                                                  \
                s1 += ap[1] * row;                                                                  \
                s2 += ap[2] * row;                                                                  \
                s3 += ap[3] * row;                                                                  \
            }                                                                                       \
            GRADE_STORE(c, s0); GRADE_STORE(c + n, s1); GRADE_STORE(c + 2 * n, s2); GRADE_STORE(c + 3 * n, s3); \
        } else {                                                                                    \
            V s0 = {0};                                                                             \
            for (ptrdiff_t p = 0; p < k; p++) s0 += a[p * m] * GRADE_LOAD(V, b + p * n);            \
            GRADE_STORE(c, s0);                                                                     \
        }                                                                                           \
    }

GRADE_TILE_TRANSPOSED(v8)
GRADE_TILE_TRANSPOSED(v4)
GRADE_TILE_TRANSPOSED(v2)

static inline __attribute__((always_inline)) void transposed_tile_scalar(int rows, const double *a, const double *b, double *c,
                                                                         ptrdiff_t k, ptrdiff_t m, ptrdiff_t n) {
    for (int r = 0; r < rows; r++) {
        double s = 0;
        for (ptrdiff_t p = 0; p < k; p++) s += a[p * m + r] * b[p * n];
        c[r * n] = s;
    }
}

/// One band of `rows` rows of C = Aᵀ·B, in column tiles of 8, 4, 2 and 1.
static inline __attribute__((always_inline)) void transposed_band(int rows, const double *a, const double *b, double *c,
                                                                  ptrdiff_t k, ptrdiff_t m, ptrdiff_t n) {
    ptrdiff_t j = 0;
    for (; j + 8 <= n; j += 8) transposed_tile_v8(rows, a, b + j, c + j, k, m, n);
    if (j + 4 <= n) { transposed_tile_v4(rows, a, b + j, c + j, k, m, n); j += 4; }
    if (j + 2 <= n) { transposed_tile_v2(rows, a, b + j, c + j, k, m, n); j += 2; }
    if (j < n) transposed_tile_scalar(rows, a, b + j, c + j, k, m, n);
}

/// Rows `first..<last` of C = Aᵀ·B, A k×m, `k`, `n` > 0.
#if defined(__x86_64__) && defined(__linux__)
__attribute__((target_clones("avx512f", "avx2", "default")))
#endif
static void multiply_transposed_rows(const double *a, const double *b, double *c, ptrdiff_t first, ptrdiff_t last,
                                     ptrdiff_t k, ptrdiff_t m, ptrdiff_t n) {
    ptrdiff_t i = first;
    for (; i + 4 <= last; i += 4) transposed_band(4, a + i, b, c + i * n, k, m, n);
    for (; i < last; i++) transposed_band(1, a + i, b, c + i * n, k, m, n);
}

/// Rows `first..<last` of C, of A·B or of Aᵀ·B.
typedef struct {
    const double *a, *b;
    double *c;
    ptrdiff_t first, last, m, k, n;
    int transposed;
} grade_rows;

static void multiply_given_rows(const grade_rows *r) {
    if (r->transposed) multiply_transposed_rows(r->a, r->b, r->c, r->first, r->last, r->k, r->m, r->n);
    else multiply_rows(r->a + r->first * r->k, r->b, r->c + r->first * r->n, r->last - r->first, r->k, r->n);
}

static void *multiply_rows_of_thread(void *rows) {
    multiply_given_rows(rows);
    return NULL;
}

/// C (m×n) = A·B, or Aᵀ·B: the lower half of C's rows (from a multiple of 4) on a thread of its
/// own when the product is large, joined before returning, so that each entry is computed as it
/// would be on one thread.
static void multiply(const double *a, const double *b, double *c, ptrdiff_t m, ptrdiff_t k, ptrdiff_t n, int transposed) {
    if (m <= 0 || n <= 0) return;
    if (k <= 0) {
        for (ptrdiff_t i = 0; i < m * n; i++) c[i] = 0;
        return;
    }
    ptrdiff_t half = (m / 2) & ~(ptrdiff_t)3;
    grade_rows upper = {a, b, c, 0, m, m, k, n, transposed};
    if (half >= 4 && (double)m * (double)k * (double)n >= GRADE_MATRIX_PARALLEL_WORK) {
        grade_rows lower = upper;
        lower.first = half;
        upper.last = half;
        pthread_attr_t attributes;
        pthread_t thread;
        if (pthread_attr_init(&attributes) == 0) {
            int started = pthread_attr_setstacksize(&attributes, 1 << 16) == 0
                && pthread_create(&thread, &attributes, multiply_rows_of_thread, &lower) == 0;
            pthread_attr_destroy(&attributes);
            if (started) {
                multiply_given_rows(&upper);
                pthread_join(thread, NULL);
                return;
            }
        }
        upper.last = m;
    }
    multiply_given_rows(&upper);
}

void grade_matrix_multiply(const double *a, const double *b, double *c, ptrdiff_t m, ptrdiff_t k, ptrdiff_t n) {
    multiply(a, b, c, m, k, n, 0);
}

void grade_matrix_multiply_transposed(const double *a, const double *b, double *c, ptrdiff_t m, ptrdiff_t k, ptrdiff_t n) {
    multiply(a, b, c, m, k, n, 1);
}

void grade_matrix_transpose(const double *a, double *t, ptrdiff_t m, ptrdiff_t n) {
    const ptrdiff_t tile = 64;
    for (ptrdiff_t i0 = 0; i0 < m; i0 += tile) {
        ptrdiff_t i1 = i0 + tile < m ? i0 + tile : m;
        for (ptrdiff_t j0 = 0; j0 < n; j0 += tile) {
            ptrdiff_t j1 = j0 + tile < n ? j0 + tile : n;
            for (ptrdiff_t j = j0; j < j1; j++) {
                double *row = t + j * m;
                for (ptrdiff_t i = i0; i < i1; i++) row[i] = a[i * n + j];
            }
        }
    }
}
