import CMatrixKernel
import GradeKit
import Testing

/// The tiled product gives, bit for bit, the textbook triple loop's sums in increasing `p`,
/// for every shape around the tile sizes (4 rows; 8, 4, 2, 1 columns), NaN and infinities
/// included.
@Suite struct MatrixProductTests {
    /// `Σ_p a[i,p]·b[p,j]`, one rounded multiply and add at a time, in increasing `p`.
    static func textbook(_ a: Matrix, _ b: Matrix) -> [Double] {
        var c = [Double](repeating: 0, count: a.rows * b.columns)
        for i in 0..<a.rows {
            for j in 0..<b.columns {
                var s = 0.0
                for p in 0..<a.columns { s += a[i, p] * b[p, j] }
                c[i * b.columns + j] = s
            }
        }
        return c
    }

    @Test(arguments: [(1, 1, 1), (3, 5, 1), (4, 7, 8), (5, 3, 9), (7, 11, 15), (9, 2, 17), (13, 31, 10), (2, 0, 3), (0, 4, 2)])
    func everyShapeGivesTheTextbookSums(_ shape: (Int, Int, Int)) {
        let (m, k, n) = shape
        var random = SeededGenerator(seed: UInt64(m * 1000 + k * 10 + n))
        let a = Matrix.normal(rows: m, columns: k, using: &random)
        let b = Matrix.normal(rows: k, columns: n, using: &random)
        let product = a.dot(b)
        #expect(product.shape == (rows: m, columns: n))
        #expect(product.elements.map(\.bitPattern) == Self.textbook(a, b).map(\.bitPattern))
    }

    /// Past `GRADE_MATRIX_PARALLEL_WORK` multiply-adds the lower half of the rows is computed on
    /// a second thread: the bits stay the textbook's, on both sides of the split and in the
    /// rows outside the 4-row tiles.
    @Test(arguments: [(103, 197, 211), (10, 3073, 131), (501, 3073, 3)])
    func aProductSplitBetweenTwoThreadsGivesTheTextbookSums(_ shape: (Int, Int, Int)) {
        let (m, k, n) = shape
        #expect(Double(m * k * n) >= 4_000_000, "large enough to be split")
        var random = SeededGenerator(seed: UInt64(m + k + n))
        let a = Matrix.normal(rows: m, columns: k, using: &random)
        let b = Matrix.normal(rows: k, columns: n, using: &random)
        #expect(a.dot(b).elements.map(\.bitPattern) == Self.textbook(a, b).map(\.bitPattern))
    }

    /// The entries of `x`'s transpose, moved one by one: no kernel of GradeKit in the way.
    static func movedTranspose(_ x: Matrix) -> Matrix {
        var entries = [Double](repeating: 0, count: x.count)
        for i in 0..<x.rows { for j in 0..<x.columns { entries[j * x.rows + i] = x.elements[i * x.columns + j] } }
        return Matrix(rows: x.columns, columns: x.rows, elements: entries)
    }

    /// `X.T.dot(B)` of a large X reads X in place (its transpose is never written out) and
    /// gives the textbook sums of the transpose bit for bit: around the tiles' ragged edges,
    /// and past the size at which the rows are split between two threads.
    @Test(arguments: [(257, 255, 1), (300, 219, 3), (301, 221, 10), (256, 257, 17), (500, 3073, 3), (500, 3073, 10)])
    func theTransposeOfALargeMatrixIsMultipliedInPlaceWithTheTextbookSums(_ shape: (Int, Int, Int)) {
        let (k, m, n) = shape
        var random = SeededGenerator(seed: UInt64(k * 7 + m * 3 + n))
        var x = Matrix.normal(rows: k, columns: m, using: &random)
        x[1, 2] = -0.0
        let b = Matrix.normal(rows: k, columns: n, using: &random)
        let transpose = x.transposed()
        #expect(transpose.shape == (rows: m, columns: k))
        let product = transpose.dot(b)
        #expect(product.shape == (rows: m, columns: n))
        #expect(product.elements.map(\.bitPattern) == Self.textbook(Self.movedTranspose(x), b).map(\.bitPattern))
    }

    /// Each kernel of `Aᵀ·B` the processor can run, down A's columns and down its rows at each
    /// vector width, gives the textbook sums of the transpose bit for bit: around the tiles'
    /// edges (16, 8, 4, 2 rows of C; passes of 12 columns), split between two threads or not,
    /// NaN and infinities included. The kernel an automatic choice takes is among them.
    @Test(arguments: [(1, 1, 1), (3, 17, 5), (7, 33, 12), (5, 47, 13), (9, 250, 10), (4, 31, 25), (500, 3073, 10), (300, 221, 3)])
    func everyKernelOfATransposedProductGivesTheTextbookSums(_ shape: (Int, Int, Int)) {
        let (k, m, n) = shape
        var random = SeededGenerator(seed: UInt64(k * 11 + m * 5 + n))
        var x = Matrix.normal(rows: k, columns: m, using: &random)
        var b = Matrix.normal(rows: k, columns: n, using: &random)
        x[k - 1, m - 1] = .infinity
        b[0, n - 1] = .nan
        if m > 20 { x[k / 2, 17] = -0.0 }
        let expected = Self.textbook(Self.movedTranspose(x), b).map(\.bitPattern)
        let kernels: [grade_transposed_kernel] = [GRADE_TRANSPOSED_AUTOMATIC, GRADE_TRANSPOSED_DOWN_COLUMNS, GRADE_TRANSPOSED_DOWN_ROWS_AVX512,
                                                  GRADE_TRANSPOSED_DOWN_ROWS_AVX2, GRADE_TRANSPOSED_DOWN_ROWS_SSE2]
        var ran = 0
        for kernel in kernels {
            var c = [Double](repeating: 42, count: m * n)
            let available = x.elements.withUnsafeBufferPointer { a in
                b.elements.withUnsafeBufferPointer { b in
                    c.withUnsafeMutableBufferPointer { grade_matrix_multiply_transposed_with(kernel, a.baseAddress, b.baseAddress, $0.baseAddress, m, k, n) }
                }
            }
            guard available == 1 else { continue }
            ran += 1
            // NaNs compare by their bits too: the textbook loop's NaN is the kernel's.
            let differing = zip(c, expected).filter { $0.bitPattern != $1 }.count
            #expect(differing == 0, "kernel \(kernel.rawValue), \(k)×\(m)ᵀ·\(k)×\(n): \(differing) of \(m * n) entries differ")
        }
        #expect(ran >= 3, "the automatic choice, down the columns and down the rows with SSE2 run everywhere")
    }

    @Test func nanAndInfinityPropagateThroughATransposeReadInPlace() {
        var x = Matrix.zeros(300, 250), b = Matrix.ones(300, 11)
        x[0, 0] = .infinity          // ∞·1 in row 0 of Xᵀ
        x[2, 249] = .nan             // NaN in the last row of Xᵀ, outside the 4-row tiles (250 = 4·62 + 2)
        b[3, 9] = .infinity          // 0·∞ = NaN in column 9 (the 2-wide tile)
        let product = x.transposed().dot(b)
        let expected = Self.textbook(Self.movedTranspose(x), b)
        #expect(zip(product.elements, expected).allSatisfy { $0.isNaN && $1.isNaN || $0 == $1 })
        #expect(product[0, 0] == .infinity && product[1, 9].isNaN && product[249, 0].isNaN && !product[1, 0].isNaN)
    }

    @Test func nanAndInfinityPropagateAsInTheTripleLoop() {
        var a = Matrix.zeros(5, 6), b = Matrix.ones(6, 11)
        a[0, 0] = .infinity          // ∞·1 in row 0
        a[4, 2] = .nan               // NaN in the row outside the 4-row tiles
        b[3, 9] = .infinity          // 0·∞ = NaN in column 9 (the 2-wide tile)
        let product = a.dot(b)
        let expected = Self.textbook(a, b)
        #expect(product.elements.map(\.isNaN) == expected.map(\.isNaN))
        #expect(zip(product.elements, expected).allSatisfy { $0.isNaN && $1.isNaN || $0 == $1 })
        #expect(product[0, 0] == .infinity && product[1, 9].isNaN && product[4, 0].isNaN)
    }
}
