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

// C = Aᵀ·B down A's rows: vectors run along a row of A (consecutive rows i of C) and each entry
// of B's row p is broadcast, so A is read once, in order, whatever n is (up to 12 columns of C a
// pass), where the kernel above reads it down its columns once per tile of columns of C. Every
// entry is still the sum `Σ_p b[p·n+j]·a[p·m+i]` in increasing `p`: the same bits.
#define GRADE_COLUMN_TILE(V, W)                                                                     \
    /* Rows `i..<i + lanes·W` × columns `j..<j + js` of C; `a` at A[0, i], `b` at B[0, j]. */       \
    static inline __attribute__((always_inline)) void column_tile_##V(int js, int lanes, const double *a, const double *b, \
                                                                     double *c, ptrdiff_t k, ptrdiff_t m, ptrdiff_t n) { \
        V s[GRADE_COLUMN_PASS][2];                                                                  \
        for (int j = 0; j < js; j++) for (int l = 0; l < lanes; l++) s[j][l] = (V){0};             \
        for (ptrdiff_t p = 0; p < k; p++) {                                                         \
            const double *ap = a + p * m, *bp = b + p * n;                                          \
            V x[2];                                                                                 \
            for (int l = 0; l < lanes; l++) x[l] = GRADE_LOAD(V, ap + l * W);                       \
            for (int j = 0; j < js; j++) {                                                          \
                double bj = bp[j];                                                                  \
                for (int l = 0; l < lanes; l++) s[j][l] += bj * x[l];                               \
            }                                                                                       \
        }                                                                                           \
        for (int j = 0; j < js; j++) for (int l = 0; l < lanes; l++) for (int e = 0; e < W; e++)   \
            c[(l * W + e) * n + j] = s[j][l][e];                                                    \
    }

/// The most columns of C one pass over A computes.
#define GRADE_COLUMN_PASS 12

GRADE_COLUMN_TILE(v8, 8)
GRADE_COLUMN_TILE(v4, 4)
GRADE_COLUMN_TILE(v2, 2)

static inline __attribute__((always_inline)) void column_tile_scalar(int js, const double *a, const double *b, double *c,
                                                                    ptrdiff_t k, ptrdiff_t m, ptrdiff_t n) {
    double s[GRADE_COLUMN_PASS];
    for (int j = 0; j < js; j++) s[j] = 0;
    for (ptrdiff_t p = 0; p < k; p++) {
        double x = a[p * m];
        for (int j = 0; j < js; j++) s[j] += b[p * n + j] * x;
    }
    for (int j = 0; j < js; j++) c[j] = s[j];
}

/// Rows `first..<last` × `js` columns of C in tiles of `lanes` vectors of `W`, then single rows.
#define GRADE_COLUMN_PASS_OF(V, W, LANES)                                                           \
    static inline __attribute__((always_inline)) void column_pass_##V(int js, const double *a, const double *b, double *c, \
                                                                     ptrdiff_t first, ptrdiff_t last, ptrdiff_t k, ptrdiff_t m, ptrdiff_t n) { \
        ptrdiff_t i = first;                                                                        \
        for (; i + LANES * W <= last; i += LANES * W) column_tile_##V(js, LANES, a + i, b, c + i * n, k, m, n); \
        for (; i + W <= last; i += W) column_tile_##V(js, 1, a + i, b, c + i * n, k, m, n);         \
        for (; i < last; i++) column_tile_scalar(js, a + i, b, c + i * n, k, m, n);                 \
    }

// Two vectors of 8 with AVX-512 (24 sums of its 32 registers), one of 4 with AVX2 and of 2 with
// SSE2 (12 of 16).
GRADE_COLUMN_PASS_OF(v8, 8, 2)
GRADE_COLUMN_PASS_OF(v4, 4, 1)
GRADE_COLUMN_PASS_OF(v2, 2, 1)

/// Rows `first..<last` of C = Aᵀ·B down A's rows, for one vector width; each pass's column
/// count a constant, so that its sums stay in registers.
#define GRADE_COLUMN_KERNEL(V, ATTRIBUTES)                                                          \
    ATTRIBUTES static void multiply_transposed_columns_##V(                                         \
        const double *a, const double *b, double *c, ptrdiff_t first, ptrdiff_t last, ptrdiff_t k, ptrdiff_t m, ptrdiff_t n) { \
        for (ptrdiff_t j = 0; j < n; j += GRADE_COLUMN_PASS) {                                      \
            ptrdiff_t js = n - j < GRADE_COLUMN_PASS ? n - j : GRADE_COLUMN_PASS;                   \
            const double *bj = b + j;                                                               \
            double *cj = c + j;                                                                     \
            switch (js) {                                                                           \
            case 1: column_pass_##V(1, a, bj, cj, first, last, k, m, n); break;                     \
            case 2: column_pass_##V(2, a, bj, cj, first, last, k, m, n); break;                     \
            case 3: column_pass_##V(3, a, bj, cj, first, last, k, m, n); break;                     \
            case 4: column_pass_##V(4, a, bj, cj, first, last, k, m, n); break;                     \
            case 5: column_pass_##V(5, a, bj, cj, first, last, k, m, n); break;                     \
            case 6: column_pass_##V(6, a, bj, cj, first, last, k, m, n); break;                     \
            case 7: column_pass_##V(7, a, bj, cj, first, last, k, m, n); break;                     \
            case 8: column_pass_##V(8, a, bj, cj, first, last, k, m, n); break;                     \
            case 9: column_pass_##V(9, a, bj, cj, first, last, k, m, n); break;                     \
            case 10: column_pass_##V(10, a, bj, cj, first, last, k, m, n); break;                   \
            case 11: column_pass_##V(11, a, bj, cj, first, last, k, m, n); break;                   \
            default: column_pass_##V(12, a, bj, cj, first, last, k, m, n); break;                   \
            }                                                                                       \
        }                                                                                           \
    }

#if defined(__x86_64__) && defined(__linux__)
GRADE_COLUMN_KERNEL(v8, __attribute__((target("avx512f"))))
GRADE_COLUMN_KERNEL(v4, __attribute__((target("avx2"))))
#endif
GRADE_COLUMN_KERNEL(v2, )

/// Whether the processor can run `kernel`.
static int available(grade_transposed_kernel kernel) {
    switch (kernel) {
    case GRADE_TRANSPOSED_AUTOMATIC: case GRADE_TRANSPOSED_DOWN_COLUMNS: return 1;
#if defined(__x86_64__) && defined(__linux__)
    case GRADE_TRANSPOSED_DOWN_ROWS_AVX512: return __builtin_cpu_supports("avx512f");
    case GRADE_TRANSPOSED_DOWN_ROWS_AVX2: return __builtin_cpu_supports("avx2");
    case GRADE_TRANSPOSED_DOWN_ROWS_SSE2: return 1;
#else
    case GRADE_TRANSPOSED_DOWN_ROWS_SSE2: return 1;
    default: return 0;
#endif
    }
    return 0;
}

/// The kernel of an automatic choice: down A's rows with AVX-512, where it is the quicker for
/// every n (at N = 500, D = 3073: 1.1 ms against 1.8 for 10 columns, one thread); without it
/// only for n ≤ 4, where AVX2's single vector still beats the kernel above (0.6 against 1.2
/// ms for one column), which is the quicker from n = 10 (2.0 against 2.2 ms).
static grade_transposed_kernel chosen(ptrdiff_t n) {
#if defined(__x86_64__) && defined(__linux__)
    if (__builtin_cpu_supports("avx512f")) return GRADE_TRANSPOSED_DOWN_ROWS_AVX512;
    if (n <= 4) return __builtin_cpu_supports("avx2") ? GRADE_TRANSPOSED_DOWN_ROWS_AVX2 : GRADE_TRANSPOSED_DOWN_ROWS_SSE2;
    return GRADE_TRANSPOSED_DOWN_COLUMNS;
#else
    return n <= 4 ? GRADE_TRANSPOSED_DOWN_ROWS_SSE2 : GRADE_TRANSPOSED_DOWN_COLUMNS;
#endif
}

/// Rows `first..<last` of C, of A·B or of Aᵀ·B.
typedef struct {
    const double *a, *b;
    double *c;
    ptrdiff_t first, last, m, k, n;
    int transposed;
    grade_transposed_kernel kernel;
} grade_rows;

static void multiply_given_rows(const grade_rows *r) {
    if (!r->transposed) {
        multiply_rows(r->a + r->first * r->k, r->b, r->c + r->first * r->n, r->last - r->first, r->k, r->n);
        return;
    }
    switch (r->kernel) {
#if defined(__x86_64__) && defined(__linux__)
    case GRADE_TRANSPOSED_DOWN_ROWS_AVX512: multiply_transposed_columns_v8(r->a, r->b, r->c, r->first, r->last, r->k, r->m, r->n); break;
    case GRADE_TRANSPOSED_DOWN_ROWS_AVX2: multiply_transposed_columns_v4(r->a, r->b, r->c, r->first, r->last, r->k, r->m, r->n); break;
#endif
    case GRADE_TRANSPOSED_DOWN_ROWS_SSE2: multiply_transposed_columns_v2(r->a, r->b, r->c, r->first, r->last, r->k, r->m, r->n); break;
    default: multiply_transposed_rows(r->a, r->b, r->c, r->first, r->last, r->k, r->m, r->n); break;
    }
}

static void *multiply_rows_of_thread(void *rows) {
    multiply_given_rows(rows);
    return NULL;
}

/// C (m×n) = A·B, or Aᵀ·B with `kernel`: the lower half of C's rows (from a multiple of 16) on a
/// thread of its own when the product is large, joined before returning, so that each entry is
/// computed as it would be on one thread.
static void multiply(const double *a, const double *b, double *c, ptrdiff_t m, ptrdiff_t k, ptrdiff_t n, int transposed,
                     grade_transposed_kernel kernel) {
    if (m <= 0 || n <= 0) return;
    if (k <= 0) {
        for (ptrdiff_t i = 0; i < m * n; i++) c[i] = 0;
        return;
    }
    ptrdiff_t half = (m / 2) & ~(ptrdiff_t)15;
    grade_rows upper = {a, b, c, 0, m, m, k, n, transposed, kernel};
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
    multiply(a, b, c, m, k, n, 0, GRADE_TRANSPOSED_AUTOMATIC);
}

void grade_matrix_multiply_transposed(const double *a, const double *b, double *c, ptrdiff_t m, ptrdiff_t k, ptrdiff_t n) {
    multiply(a, b, c, m, k, n, 1, chosen(n));
}

int grade_matrix_multiply_transposed_with(grade_transposed_kernel kernel, const double *a, const double *b, double *c,
                                          ptrdiff_t m, ptrdiff_t k, ptrdiff_t n) {
    if (!available(kernel)) return 0;
    multiply(a, b, c, m, k, n, 1, kernel == GRADE_TRANSPOSED_AUTOMATIC ? chosen(n) : kernel);
    return 1;
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
