import CMatrixKernel

/// The matrix product's kernel: C = A·B for row-major A (m×k), B (k×n), C (m×n).
///
/// C is computed in tiles of 4 rows × a SIMD width of columns, each tile's sums held in
/// registers while `p` runs over the inner dimension. Every entry is still the sum
/// `Σ_p a[i,p]·b[p,j]` taken in increasing `p`, one rounded multiply and one rounded add at a
/// time, so the result is bit for bit that of the textbook triple loop (and IEEE throughout:
/// `0·∞` is NaN). Only the order of the work changes, so that B's rows are read once per four
/// rows of A instead of once per row, and the partial sums never go through memory. The kernel
/// is C (`grade_matrix_multiply`), compiled on x86-64 Linux for AVX-512, AVX2 and SSE2, the
/// widest the processor has chosen when the program loads: the same bits, up to twice as fast.
enum MatrixProduct {
    static func multiply(_ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>,
                         into c: UnsafeMutableBufferPointer<Double>, m: Int, k: Int, n: Int) {
        precondition(a.count >= m * k && b.count >= k * n && c.count >= m * n, "matrix product buffers too small")
        guard let a = a.baseAddress, let b = b.baseAddress, let c = c.baseAddress,
              m > 0, n > 0, k > 0 else { return }
        grade_matrix_multiply(a, b, c, m, k, n)
    }

    /// C = Aᵀ·B for row-major A (k×m), B (k×n): the product of ``multiply(_:_:into:m:k:n:)``
    /// with the transpose, bit for bit, reading A in place.
    static func multiplyTransposed(_ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>,
                                   into c: UnsafeMutableBufferPointer<Double>, m: Int, k: Int, n: Int) {
        precondition(a.count >= m * k && b.count >= k * n && c.count >= m * n, "matrix product buffers too small")
        guard let a = a.baseAddress, let b = b.baseAddress, let c = c.baseAddress,
              m > 0, n > 0, k > 0 else { return }
        grade_matrix_multiply_transposed(a, b, c, m, k, n)
    }
}
