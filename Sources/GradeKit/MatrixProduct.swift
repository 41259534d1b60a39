/// The matrix product's kernel: C = A·B for row-major A (m×k), B (k×n), C (m×n).
///
/// C is computed in tiles of 4 rows × a SIMD width of columns, each tile's sums held in
/// registers while `p` runs over the inner dimension. Every entry is still the sum
/// `Σ_p a[i,p]·b[p,j]` taken in increasing `p`, one rounded multiply and one rounded add at a
/// time, so the result is bit for bit that of the textbook triple loop (and IEEE throughout:
/// `0·∞` is NaN). Only the order of the work changes, so that B's rows are read once per four
/// rows of A instead of once per row, and the partial sums never go through memory.
enum MatrixProduct {
    static func multiply(_ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>,
                         into c: UnsafeMutableBufferPointer<Double>, m: Int, k: Int, n: Int) {
        guard let a = a.baseAddress, let b = b.baseAddress, let c = c.baseAddress,
              m > 0, n > 0, k > 0 else { return }
        var i = 0
        while i + 4 <= m {
            columns(rows: 4, a + i * k, b, c + i * n, k: k, n: n)
            i += 4
        }
        while i < m {
            columns(rows: 1, a + i * k, b, c + i * n, k: k, n: n)
            i += 1
        }
    }

    /// One band of `rows` rows of C, in column tiles of 8, 4, 2 and 1.
    @inline(__always)
    private static func columns(rows: Int, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
                                _ c: UnsafeMutablePointer<Double>, k: Int, n: Int) {
        var j = 0
        while j + 8 <= n { tile(SIMD8<Double>.self, rows: rows, a, b + j, c + j, k: k, n: n); j += 8 }
        if j + 4 <= n { tile(SIMD4<Double>.self, rows: rows, a, b + j, c + j, k: k, n: n); j += 4 }
        if j + 2 <= n { tile(SIMD2<Double>.self, rows: rows, a, b + j, c + j, k: k, n: n); j += 2 }
        if j < n { scalarTile(rows: rows, a, b + j, c + j, k: k, n: n) }
    }

    @inline(__always)
    private static func tile<V: SIMD>(_: V.Type, rows: Int, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
                                      _ c: UnsafeMutablePointer<Double>, k: Int, n: Int) where V.Scalar == Double {
        if rows == 4 {
            var s0 = V(), s1 = V(), s2 = V(), s3 = V()
            let (a0, a1, a2, a3) = (a, a + k, a + 2 * k, a + 3 * k)
            for p in 0..<k {
                let row = UnsafeRawPointer(b + p * n).loadUnaligned(as: V.self)
                s0 += V(repeating: a0[p]) * row
                s1 += V(repeating: a1[p]) * row
                s2 += V(repeating: a2[p]) * row
                s3 += V(repeating: a3[p]) * row
            }
            store(s0, c); store(s1, c + n); store(s2, c + 2 * n); store(s3, c + 3 * n)
        } else {
            var s0 = V()
            for p in 0..<k {
                s0 += V(repeating: a[p]) * UnsafeRawPointer(b + p * n).loadUnaligned(as: V.self)
            }
            store(s0, c)
        }
    }

    @inline(__always)
    private static func scalarTile(rows: Int, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
                                   _ c: UnsafeMutablePointer<Double>, k: Int, n: Int) {
        for r in 0..<rows {
            var s = 0.0
            let ar = a + r * k
            for p in 0..<k { s += ar[p] * b[p * n] }
            c[r * n] = s
        }
    }

    @inline(__always)
    private static func store<V: SIMD>(_ v: V, _ c: UnsafeMutablePointer<Double>) where V.Scalar == Double {
        UnsafeMutableRawPointer(c).storeBytes(of: v, as: V.self)
    }
}
