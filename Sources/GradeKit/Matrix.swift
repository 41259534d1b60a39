import CMatrixKernel
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A dense, row-major matrix of `Double`, the array type of every component.
///
/// `Matrix` is small on purpose and reads like the numpy code of the course:
///
/// ```swift
/// let scores = X.dot(W)                     // N×D times D×C gives N×C
/// let correct = scores.picking(labels)      // scores[range(N), y], an N×1 column
/// let margins = scores - correct + 1        // broadcasting a column and a scalar
/// let loss = margins.map { max(0, $0) }.sum() / Double(N)
/// var dS = Matrix.zeros(N, C)
/// dS[i, j] += 1                             // indexing
/// let row = scores[row: i]                  // [Double], like scores[i]
/// ```
///
/// Elementwise operators (`+ - * /` between matrices) require equal shapes, or a
/// shape that broadcasts the way numpy does: a 1×C row against N×C, an N×1 column
/// against N×C. `*` between two matrices is the *elementwise* product; the matrix
/// product is ``dot(_:)`` (also spelled `X.dot(W)` or ``matmul(_:_:)``). A vector
/// is an N×1 or 1×N matrix, or a plain `[Double]` where that reads better.
public struct Matrix: Sendable {
    /// The number of rows.
    public let rows: Int
    /// The number of columns.
    public let columns: Int
    /// The entries, kept private so that nothing outside the accessors below can give a
    /// matrix an element count other than `rows × columns`. Empty while `pending` holds them.
    private var storage: [Double]
    /// Where the entries come from when they are not written out yet: the matrix this one is
    /// the transpose of (``transposed()`` of a large matrix), read in place by the product and
    /// the subscripts, or a draw not made yet (``init(rows:columns:deferred:)``). Written out
    /// once, when anything else asks for `elements`, and before any change.
    private var pending: PendingEntries?

    /// The entries in row-major order: entry `(i, j)` is `elements[i * columns + j]`.
    ///
    /// Entries may be changed in place (`m.elements[k] += h`), but the count is part of the
    /// shape: assigning an array of another count, or appending or removing entries, stops
    /// the program with a message naming both counts. Build a new `Matrix` for a new shape.
    public var elements: [Double] {
        get { pending?.entries ?? storage }
        _modify {
            settle()
            // Checked on every exit, also when the caller's mutation throws.
            defer { Matrix.requireCount(storage.count, rows: rows, columns: columns, when: "changing its elements") }
            yield &storage
        }
        set {
            Matrix.requireCount(newValue.count, rows: rows, columns: columns, when: "assigning elements")
            storage = newValue
            pending = nil
        }
    }

    /// Writes out pending entries, before a change.
    private mutating func settle() {
        guard let pending else { return }
        storage = pending.entries
        self.pending = nil
    }

    /// The shape as `(rows, columns)`, like numpy's `shape`.
    public var shape: (rows: Int, columns: Int) { (rows, columns) }

    /// The number of entries, `rows × columns`.
    public var count: Int { rows * columns }

    /// Creates a matrix from its shape and row-major entries.
    ///
    /// - Precondition: both dimensions are ≥ 0, `rows × columns` is representable as an
    ///   `Int`, and `elements.count == rows * columns`.
    public init(rows: Int, columns: Int, elements: [Double]) {
        Matrix.requireCount(elements.count, rows: rows, columns: columns, when: "creating it")
        self.rows = rows
        self.columns = columns
        self.storage = elements
    }

    /// The transpose of `source`, its entries not written out.
    private init(transposing source: Matrix) {
        rows = source.columns
        columns = source.rows
        storage = []
        pending = PendingEntries(.transpose(of: source.elements, rows: source.rows, columns: source.columns))
    }

    /// A `rows × columns` matrix whose row-major entries `draw` gives: it is called once, on the
    /// thread that first reads an entry, and never when nothing does. So a large input that only
    /// travels to another process (as the recipe it is drawn from) is never drawn here. The
    /// program stops, naming both counts, when `draw` gives another count than `rows × columns`.
    package init(rows: Int, columns: Int, deferred draw: @escaping @Sendable () -> [Double]) {
        _ = Matrix.requireShape(rows: rows, columns: columns, when: "deferring a draw")
        self.rows = rows
        self.columns = columns
        storage = []
        pending = PendingEntries(.deferred {
            let entries = draw()
            Matrix.requireCount(entries.count, rows: rows, columns: columns, when: "drawing deferred entries")
            return entries
        })
    }

    /// False while the entries are pending (a deferred draw not made yet, or a large transpose
    /// read in place): nothing has asked for them since.
    package var areEntriesWrittenOut: Bool { pending?.isWritten ?? true }

    /// True when both are the same deferred matrix (``init(rows:columns:deferred:)``) or copies
    /// of it that nothing changed: then they have the same entries, drawn or not.
    package func isDeferred(like other: Matrix) -> Bool {
        guard let pending, let theirs = other.pending, case .deferred = pending.source else { return false }
        return pending === theirs
    }

    /// The number of entries a `rows × columns` matrix has, or nil when a dimension is
    /// negative or the product overflows `Int`. The single statement of the shape invariant,
    /// shared by the initializers, the element accessors and decoding.
    static func entryCount(rows: Int, columns: Int) -> Int? {
        guard rows >= 0, columns >= 0 else { return nil }
        let (product, overflow) = rows.multipliedReportingOverflow(by: columns)
        return overflow ? nil : product
    }

    /// The number of entries of a `rows × columns` matrix; stops the program when the
    /// dimensions are invalid.
    ///
    /// `fatalError` rather than `precondition`: its message starts with `Fatal error:` in every
    /// build configuration, which is the line a grader reports when a worker stops.
    static func requireShape(rows: Int, columns: Int, when action: String) -> Int {
        guard let count = entryCount(rows: rows, columns: columns) else {
            fatalError("Matrix dimensions \(rows)×\(columns) are invalid (\(action)): both must be ≥ 0 and their product must fit in an Int")
        }
        return count
    }

    /// Stops the program unless `count` entries fit a `rows × columns` matrix.
    private static func requireCount(_ count: Int, rows: Int, columns: Int, when action: String) {
        let expected = requireShape(rows: rows, columns: columns, when: action)
        guard count == expected else {
            fatalError("Matrix \(rows)×\(columns) needs \(expected) elements, got \(count) (\(action)); build a new Matrix to change the shape")
        }
    }

    /// Creates a matrix filled with one value.
    public init(rows: Int, columns: Int, repeating value: Double) {
        let count = Matrix.requireShape(rows: rows, columns: columns, when: "creating it")
        self.init(rows: rows, columns: columns, elements: Array(repeating: value, count: count))
    }

    /// Creates a matrix from an array of rows, as `np.array([[...], [...]])`.
    ///
    /// - Precondition: every row has the same length.
    public init(_ rows: [[Double]]) {
        let columns = rows.first?.count ?? 0
        GradeKit.require(rows.allSatisfy { $0.count == columns }, "All rows of a Matrix must have the same length")
        self.init(rows: rows.count, columns: columns, elements: rows.flatMap { $0 })
    }

    /// Creates a 1×n row vector.
    public init(row: [Double]) {
        self.init(rows: 1, columns: row.count, elements: row)
    }

    /// Creates an n×1 column vector.
    public init(column: [Double]) {
        self.init(rows: column.count, columns: 1, elements: column)
    }

    /// A matrix of zeros, as `np.zeros((rows, columns))`.
    public static func zeros(_ rows: Int, _ columns: Int) -> Matrix {
        Matrix(rows: rows, columns: columns, repeating: 0)
    }

    /// A matrix of zeros with the shape of `other`, as `np.zeros_like(other)`.
    public static func zeros(like other: Matrix) -> Matrix {
        Matrix(rows: other.rows, columns: other.columns, repeating: 0)
    }

    /// A matrix of ones, as `np.ones((rows, columns))`.
    public static func ones(_ rows: Int, _ columns: Int) -> Matrix {
        Matrix(rows: rows, columns: columns, repeating: 1)
    }

    /// Entry `(row, column)`, as `A[i, j]`.
    public subscript(_ row: Int, _ column: Int) -> Double {
        get {
            GradeKit.require(row >= 0 && row < rows && column >= 0 && column < columns,
                         "Index (\(row), \(column)) is out of range for a \(rows)×\(columns) matrix")
            if let pending {
                // Entry (i, j) of a pending transpose is entry (j, i) of its source.
                if case .transpose(let source, _, _) = pending.source { return source[column * rows + row] }
                return pending.entries[row * columns + column]
            }
            return storage[row * columns + column]
        }
        set {
            GradeKit.require(row >= 0 && row < rows && column >= 0 && column < columns,
                         "Index (\(row), \(column)) is out of range for a \(rows)×\(columns) matrix")
            settle()
            storage[row * columns + column] = newValue
        }
    }

    /// Row `i` as an array, as `A[i]` or `A[i, :]`.
    public subscript(row row: Int) -> [Double] {
        get {
            GradeKit.require(row >= 0 && row < rows, "Row \(row) is out of range for a \(rows)×\(columns) matrix")
            if let pending, case .transpose(let source, _, _) = pending.source { return (0..<columns).map { source[$0 * rows + row] } }
            return Array(elements[row * columns ..< (row + 1) * columns])
        }
        set {
            GradeKit.require(row >= 0 && row < rows, "Row \(row) is out of range for a \(rows)×\(columns) matrix")
            GradeKit.require(newValue.count == columns, "Row of length \(newValue.count) does not fit \(columns) columns")
            settle()
            storage.replaceSubrange(row * columns ..< (row + 1) * columns, with: newValue)
        }
    }

    /// Column `j` as an array, as `A[:, j]`.
    public subscript(column column: Int) -> [Double] {
        get {
            GradeKit.require(column >= 0 && column < columns, "Column \(column) is out of range for a \(rows)×\(columns) matrix")
            if let pending, case .transpose(let source, _, _) = pending.source { return Array(source[column * rows ..< (column + 1) * rows]) }
            let entries = elements
            return (0..<rows).map { entries[$0 * columns + column] }
        }
        set {
            GradeKit.require(column >= 0 && column < columns, "Column \(column) is out of range for a \(rows)×\(columns) matrix")
            GradeKit.require(newValue.count == rows, "Column of length \(newValue.count) does not fit \(rows) rows")
            settle()
            for i in 0..<rows { storage[i * columns + column] = newValue[i] }
        }
    }

    /// The rows at the given indices, in that order, as `X[indices]` (a minibatch).
    public func rows(at indices: [Int]) -> Matrix {
        var result: [Double] = []
        result.reserveCapacity(indices.count * columns)
        for i in indices { result.append(contentsOf: self[row: i]) }
        return Matrix(rows: indices.count, columns: columns, elements: result)
    }

    /// One entry per row, at the column `indices[i]`, as an N×1 column: numpy's
    /// `A[np.arange(N), y]` (the correct-class scores `s_{y_i}`).
    ///
    /// - Precondition: `indices.count == rows` and every index is in `0..<columns`.
    public func picking(_ indices: [Int]) -> Matrix {
        GradeKit.require(indices.count == rows, "picking needs one index per row: \(indices.count) indices for \(rows) rows")
        return Matrix(rows: rows, columns: 1, elements: indices.enumerated().map { self[$0.offset, $0.element] })
    }

    /// The one-hot encoding of labels, N×C: row i is 1 at column `labels[i]` and 0 elsewhere.
    ///
    /// - Precondition: every label is in `0..<classes`.
    public static func oneHot(_ labels: [Int], classes: Int) -> Matrix {
        var result = Matrix.zeros(labels.count, classes)
        for (i, label) in labels.enumerated() { result[i, label] = 1 }
        return result
    }

    /// The array of rows, as `A.tolist()`.
    public var rowArrays: [[Double]] { (0..<rows).map { self[row: $0] } }

    /// The transpose, as `A.T`.
    public var T: Matrix { transposed() }

    /// The transpose, as `A.T`.
    ///
    /// numpy's `X.T` is a view and costs nothing. Here the transpose of a large matrix (at
    /// least 65,536 entries) is one too: ``dot(_:)`` and the subscripts read the matrix it
    /// transposes in place, so `X.T.dot(dS)` never writes `Xᵀ` out, and its entries are written
    /// out once, when something else asks for ``elements`` or changes one. So that a loss that
    /// writes `X.T` on every call writes them out at most once, the transpose of the last large
    /// matrix is kept and given again while that matrix is unchanged. The memo holds the matrix
    /// it was made from, so an unchanged matrix is one that still shares its storage. The
    /// transpose of a transpose is the matrix it transposes.
    public func transposed() -> Matrix {
        if let pending, case .transpose(let source, _, _) = pending.source { return Matrix(rows: columns, columns: rows, elements: source) }
        guard count >= TransposeMemo.smallestEntries else {
            return Matrix(rows: columns, columns: rows, elements: Self.transpose(elements, rows: rows, columns: columns))
        }
        if let kept = TransposeMemo.transpose(of: self) { return kept }
        let transpose = Matrix(transposing: self)
        TransposeMemo.keep(transpose, of: self)
        return transpose
    }

    /// The row-major entries of the transpose of the `rows × columns` matrix of `entries`.
    static func transpose(_ entries: [Double], rows m: Int, columns n: Int) -> [Double] {
        [Double](unsafeUninitializedCapacity: entries.count) { out, initialized in
            entries.withUnsafeBufferPointer { a in
                if let source = a.baseAddress, let target = out.baseAddress { grade_matrix_transpose(source, target, m, n) }
            }
            initialized = entries.count
        }
    }

    /// True when `entries` is this matrix's storage itself, not a copy: then it holds this
    /// matrix's entries, since a change to either would have copied it.
    package func isStorage(of entries: [Double]) -> Bool {
        pending == nil && storage.count == entries.count
            && storage.withUnsafeBufferPointer { a in entries.withUnsafeBufferPointer { b in a.baseAddress == b.baseAddress } }
    }

    /// True when both matrices have the same shape and share their storage.
    func sharesStorage(with other: Matrix) -> Bool {
        guard rows == other.rows, columns == other.columns, pending == nil, other.pending == nil else { return false }
        return storage.withUnsafeBufferPointer { a in other.storage.withUnsafeBufferPointer { b in a.baseAddress == b.baseAddress } }
    }

    /// The matrix product `self · other`, as `A.dot(B)` or `A @ B`, with IEEE semantics
    /// throughout (`0 · ∞` is NaN, as in numpy).
    ///
    /// - Precondition: `self.columns == other.rows`. An m×k times a k×n gives an m×n.
    public func dot(_ other: Matrix) -> Matrix {
        GradeKit.require(columns == other.rows,
                     "Cannot multiply \(rows)×\(columns) by \(other.rows)×\(other.columns): inner dimensions differ")
        let (m, k, n) = (rows, columns, other.columns)
        var result = [Double](repeating: 0, count: Matrix.requireShape(rows: m, columns: n, when: "multiplying"))
        guard m > 0, n > 0, k > 0 else { return Matrix(rows: m, columns: n, elements: result) }
        result.withUnsafeMutableBufferPointer { c in
            other.elements.withUnsafeBufferPointer { b in
                // The transpose of a k×m matrix, read from that matrix.
                if let pending, case .transpose(let source, _, _) = pending.source {
                    source.withUnsafeBufferPointer { a in MatrixProduct.multiplyTransposed(a, b, into: c, m: m, k: k, n: n) }
                } else {
                    elements.withUnsafeBufferPointer { a in MatrixProduct.multiply(a, b, into: c, m: m, k: k, n: n) }
                }
            }
        }
        return Matrix(rows: m, columns: n, elements: result)
    }

    /// Applies `transform` to every entry, as a numpy ufunc.
    public func map(_ transform: (Double) throws -> Double) rethrows -> Matrix {
        Matrix(rows: rows, columns: columns, elements: try elements.map(transform))
    }

    /// Combines two matrices of the same shape entry by entry.
    public func zip(_ other: Matrix, _ combine: (Double, Double) -> Double) -> Matrix {
        Matrix.broadcast(self, other, combine)
    }

    /// The sum of all entries, as `A.sum()`.
    public func sum() -> Double { elements.reduce(0, +) }

    /// The mean of all entries, as `A.mean()`.
    public func mean() -> Double { count == 0 ? .nan : sum() / Double(count) }

    /// The largest entry, as `A.max()`.
    public func max() -> Double { elements.max() ?? -.infinity }

    /// Sums along an axis, as `A.sum(axis=...)`: axis 0 gives a 1×columns row,
    /// axis 1 gives a rows×1 column (numpy's `keepdims=True`).
    public func sum(axis: Int) -> Matrix {
        reduce(axis: axis, initial: 0, +)
    }

    /// Maxima along an axis, as `A.max(axis=..., keepdims=True)`.
    public func max(axis: Int) -> Matrix {
        reduce(axis: axis, initial: -.infinity) { Swift.max($0, $1) }
    }

    /// The index of the largest entry of each row, as `A.argmax(axis=1)`.
    public func argmaxRows() -> [Int] {
        (0..<rows).map { i in
            var best = 0
            for j in 1..<Swift.max(columns, 1) where self[i, j] > self[i, best] { best = j }
            return best
        }
    }

    private func reduce(axis: Int, initial: Double, _ combine: (Double, Double) -> Double) -> Matrix {
        GradeKit.require(axis == 0 || axis == 1, "axis must be 0 (down the rows) or 1 (along each row), got \(axis)")
        if axis == 0 {
            let entries = elements
            var result = [Double](repeating: initial, count: columns)
            for i in 0..<rows { for j in 0..<columns { result[j] = combine(result[j], entries[i * columns + j]) } }
            return Matrix(rows: 1, columns: columns, elements: result)
        }
        let entries = elements
        var result = [Double](repeating: initial, count: rows)
        for i in 0..<rows { for j in 0..<columns { result[i] = combine(result[i], entries[i * columns + j]) } }
        return Matrix(rows: rows, columns: 1, elements: result)
    }

    /// Applies `combine` entry by entry with numpy broadcasting between
    /// equal shapes, a 1×C row and N×C, an N×1 column and N×C, or a 1×1 and anything.
    static func broadcast(_ a: Matrix, _ b: Matrix, _ combine: (Double, Double) -> Double) -> Matrix {
        let (ae, be) = (a.elements, b.elements)
        if a.rows == b.rows && a.columns == b.columns {
            var result = ae
            for k in result.indices { result[k] = combine(ae[k], be[k]) }
            return Matrix(rows: a.rows, columns: a.columns, elements: result)
        }
        func fits(_ small: Int, _ large: Int) -> Bool { small == large || small == 1 || large == 1 }
        GradeKit.require(fits(a.rows, b.rows) && fits(a.columns, b.columns),
                     "Shapes \(a.rows)×\(a.columns) and \(b.rows)×\(b.columns) do not broadcast")
        let rows = Swift.max(a.rows, b.rows), columns = Swift.max(a.columns, b.columns)
        var result = [Double](repeating: 0, count: Matrix.requireShape(rows: rows, columns: columns, when: "broadcasting"))
        for i in 0..<rows {
            let ai = a.rows == 1 ? 0 : i, bi = b.rows == 1 ? 0 : i
            for j in 0..<columns {
                let aj = a.columns == 1 ? 0 : j, bj = b.columns == 1 ? 0 : j
                result[i * columns + j] = combine(ae[ai * a.columns + aj], be[bi * b.columns + bj])
            }
        }
        return Matrix(rows: rows, columns: columns, elements: result)
    }
}

// MARK: - Elementwise arithmetic

extension Matrix {
    /// Elementwise sum with numpy broadcasting.
    public static func + (a: Matrix, b: Matrix) -> Matrix { broadcast(a, b, +) }
    /// Elementwise difference with numpy broadcasting.
    public static func - (a: Matrix, b: Matrix) -> Matrix { broadcast(a, b, -) }
    /// Elementwise (Hadamard) product with numpy broadcasting; the matrix product is ``dot(_:)``.
    public static func * (a: Matrix, b: Matrix) -> Matrix { broadcast(a, b, *) }
    /// Elementwise quotient with numpy broadcasting.
    public static func / (a: Matrix, b: Matrix) -> Matrix { broadcast(a, b, /) }

    /// Adds a scalar to every entry.
    public static func + (a: Matrix, s: Double) -> Matrix { a.map { $0 + s } }
    /// Adds a scalar to every entry.
    public static func + (s: Double, a: Matrix) -> Matrix { a.map { s + $0 } }
    /// Subtracts a scalar from every entry.
    public static func - (a: Matrix, s: Double) -> Matrix { a.map { $0 - s } }
    /// Subtracts every entry from a scalar.
    public static func - (s: Double, a: Matrix) -> Matrix { a.map { s - $0 } }
    /// Multiplies every entry by a scalar.
    public static func * (a: Matrix, s: Double) -> Matrix { a.map { $0 * s } }
    /// Multiplies every entry by a scalar.
    public static func * (s: Double, a: Matrix) -> Matrix { a.map { s * $0 } }
    /// Divides every entry by a scalar.
    public static func / (a: Matrix, s: Double) -> Matrix { a.map { $0 / s } }
    /// Divides a scalar by every entry.
    public static func / (s: Double, a: Matrix) -> Matrix { a.map { s / $0 } }
    /// Negates every entry.
    public static prefix func - (a: Matrix) -> Matrix { a.map { -$0 } }

    /// In-place elementwise sum.
    public static func += (a: inout Matrix, b: Matrix) { a = a + b }
    /// In-place elementwise difference.
    public static func -= (a: inout Matrix, b: Matrix) { a = a - b }
    /// In-place elementwise product.
    public static func *= (a: inout Matrix, b: Matrix) { a = a * b }
    /// In-place elementwise quotient.
    public static func /= (a: inout Matrix, b: Matrix) { a = a / b }
    /// In-place scalar sum.
    public static func += (a: inout Matrix, s: Double) { a = a + s }
    /// In-place scalar difference.
    public static func -= (a: inout Matrix, s: Double) { a = a - s }
    /// In-place scalar product.
    public static func *= (a: inout Matrix, s: Double) { a = a * s }
    /// In-place scalar quotient.
    public static func /= (a: inout Matrix, s: Double) { a = a / s }
}

/// The matrix product `a · b`, as `np.matmul(a, b)`.
public func matmul(_ a: Matrix, _ b: Matrix) -> Matrix { a.dot(b) }

/// `e^x` of every entry, as `np.exp`.
public func exp(_ m: Matrix) -> Matrix { m.map { exp($0) } }
/// The natural logarithm of every entry, as `np.log`.
public func log(_ m: Matrix) -> Matrix { m.map { log($0) } }
/// The square root of every entry, as `np.sqrt`.
public func sqrt(_ m: Matrix) -> Matrix { m.map { $0.squareRoot() } }
/// The absolute value of every entry, as `np.abs`.
public func abs(_ m: Matrix) -> Matrix { m.map { Swift.abs($0) } }
/// The sign of every entry (−1, 0 or 1; 0 at 0), as `np.sign`.
public func sign(_ m: Matrix) -> Matrix { m.map { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) } }
/// `max(x, floor)` of every entry, as `np.maximum(m, floor)`.
public func maximum(_ m: Matrix, _ floor: Double) -> Matrix { m.map { Swift.max($0, floor) } }
/// The elementwise larger of two matrices (with broadcasting), as `np.maximum(a, b)`.
public func maximum(_ a: Matrix, _ b: Matrix) -> Matrix { Matrix.broadcast(a, b) { Swift.max($0, $1) } }

extension Matrix: Hashable {
    /// Equal shapes and equal entries.
    public static func == (a: Matrix, b: Matrix) -> Bool {
        a.rows == b.rows && a.columns == b.columns && a.elements == b.elements
    }

    /// Hashes the shape and the entries.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(rows)
        hasher.combine(columns)
        hasher.combine(elements)
    }
}

/// The entries of a matrix not written out yet, and where they come from; written out once.
private final class PendingEntries: @unchecked Sendable {
    enum Source: Sendable {
        /// The transpose of the `rows × columns` matrix of these row-major entries.
        case transpose(of: [Double], rows: Int, columns: Int)
        /// The entries this gives.
        case deferred(@Sendable () -> [Double])
    }

    let source: Source
    /// Set, with release ordering, once `written` holds the entries; never changed after.
    private let ready = Atomic<Bool>(false)
    private let writing = Mutex<Void>(())
    /// Written once, under `writing`, before `ready` is set; read only after `ready` is seen set.
    private nonisolated(unsafe) var written: [Double] = []

    init(_ source: Source) { self.source = source }

    /// True once the entries are written out.
    var isWritten: Bool { ready.load(ordering: .acquiring) }

    /// The row-major entries, written out the first time they are asked for. After that, a read
    /// takes no lock: a subscript in a loop costs an atomic load.
    var entries: [Double] {
        if ready.load(ordering: .acquiring) { return written }
        return writing.withLock { _ in
            if ready.load(ordering: .acquiring) { return written }
            switch source {
            case .transpose(let entries, let rows, let columns): written = Matrix.transpose(entries, rows: rows, columns: columns)
            case .deferred(let draw): written = draw()
            }
            ready.store(true, ordering: .releasing)
            return written
        }
    }
}

extension Matrix: CustomStringConvertible {
    /// The matrix as nested rows, like numpy's `repr`.
    public var description: String {
        "[" + rowArrays.map { "[" + $0.map { "\($0)" }.joined(separator: ", ") + "]" }.joined(separator: ", ") + "]"
    }
}

extension Matrix: ExpressibleByArrayLiteral {
    /// Creates a matrix from row literals: `let S: Matrix = [[3.2, 5.1, -1.7]]`.
    public init(arrayLiteral rows: [Double]...) { self.init(rows) }
}
