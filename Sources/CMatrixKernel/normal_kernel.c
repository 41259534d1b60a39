#include "CMatrixKernel.h"

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <sys/mman.h>

// Each product and each sum is rounded on its own: a fused multiply-add would change the bits.
#pragma clang fp contract(off)

#define LAYERS 128
static const double tail_start = 3.442619855899;    // r = x₁
static const double layer_area = 9.91256303526217e-3; // v
static double layer_edges[LAYERS + 1];               // x₀ … x₁₂₈
static pthread_once_t layers_once = PTHREAD_ONCE_INIT;

// xᵢ = √(−2 ln(v / xᵢ₋₁ + f(xᵢ₋₁))) with f(x) = e^(−x²/2), x₁ = r, x₀ = v / f(r), x₁₂₈ = 0.
static void compute_layers(void) {
    double f = exp(-0.5 * tail_start * tail_start);
    layer_edges[0] = layer_area / f;
    layer_edges[1] = tail_start;
    for (int i = 2; i < LAYERS; i++) {
        layer_edges[i] = sqrt(-2 * log(layer_area / layer_edges[i - 1] + f));
        f = exp(-0.5 * layer_edges[i] * layer_edges[i]);
    }
    layer_edges[LAYERS] = 0;
}

static inline __attribute__((always_inline)) uint64_t next_bits(uint64_t *state) {
    *state += 0x9E3779B97F4A7C15ull;
    uint64_t z = *state;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static inline __attribute__((always_inline)) double next_unit(uint64_t *state) {
    return (double)(next_bits(state) >> 11) * 0x1.0p-53;
}

static inline __attribute__((always_inline)) double positive(double u) {
    return u < 0x1p-1074 ? 0x1p-1074 : u;
}

static inline __attribute__((always_inline)) double next_normal(uint64_t *state, const double *x) {
    for (;;) {
        uint64_t bits = next_bits(state);
        double u = (double)(bits >> 11) * 0x1.0p-52 - 1;
        int i = (int)(bits & (LAYERS - 1));
        if (fabs(u) * x[i] < x[i + 1]) return u * x[i];
        if (i == 0) {
            double a, b;
            do {
                a = log(positive(next_unit(state))) / tail_start;
                b = log(positive(next_unit(state)));
            } while (-2 * b < a * a);
            return u < 0 ? a - tail_start : tail_start - a;
        }
        double t = u * x[i];
        double inner = exp(-0.5 * (x[i] * x[i] - t * t)), outer = exp(-0.5 * (x[i + 1] * x[i + 1] - t * t));
        if (outer + next_unit(state) * (inner - outer) < 1) return t;
    }
}

double grade_next_normal(uint64_t *state) {
    pthread_once(&layers_once, compute_layers);
    return next_normal(state, layer_edges);
}

// Fresh memory of a large draw is asked for in huge pages: one fault per 2 MiB instead of 512.
// Only a hint; the whole 2 MiB pages inside the buffer, and nothing when the kernel declines.
static void advise_huge_pages(double *out, ptrdiff_t count) {
#ifdef MADV_HUGEPAGE
    const uintptr_t huge = (uintptr_t)1 << 21;
    if ((size_t)count * sizeof(double) < 2 * huge) return;
    uintptr_t start = ((uintptr_t)out + huge - 1) & ~(huge - 1);
    uintptr_t end = ((uintptr_t)(out + count)) & ~(huge - 1);
    if (end > start) (void)madvise((void *)start, end - start, MADV_HUGEPAGE);
#else
    (void)out;
    (void)count;
#endif
}

#if defined(__x86_64__) && defined(__linux__)
__attribute__((target_clones("avx512f", "avx2", "default")))
#endif
static void fill(uint64_t *state, double *out, ptrdiff_t count, double mean, double scale) {
    const double *x = layer_edges;
    uint64_t s = *state;
    for (ptrdiff_t j = 0; j < count; j++) out[j] = mean + scale * next_normal(&s, x);
    *state = s;
}

void grade_fill_normal(uint64_t *state, double *out, ptrdiff_t count, double mean, double scale) {
    pthread_once(&layers_once, compute_layers);
    advise_huge_pages(out, count);
    fill(state, out, count, mean, scale);
}
