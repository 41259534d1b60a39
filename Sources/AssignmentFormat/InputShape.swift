import ComponentRuntime

/// What is known of an input's shape before it is generated: enough to check that the
/// inputs of a case fit together.
struct InputShape {
    /// A matrix's rows and columns.
    var matrix: (rows: Int, columns: Int)?
    /// The number of entries of a list (integers, series or matrices).
    var count: Int?
    /// Literal integers.
    var integers: [Int]?
    /// Generated labels lie in `0..<classes`.
    var classes: Int?
    /// The shapes of a list of matrices; one shape stands for every generated matrix.
    var matrixShapes: [(rows: Int, columns: Int)] = []
    /// A name.
    var text: String?

    /// The shape of an input as written.
    init(_ spec: InputSpec) {
        switch spec {
        case .literal(let value):
            switch value {
            case .matrix(let m): matrix = (m.rows, m.columns)
            case .integers(let v): count = v.count; integers = v
            case .series(let v): count = v.count
            case .matrices(let v): count = v.count; matrixShapes = v.map { ($0.rows, $0.columns) }
            case .text(let t): text = t
            case .scalar: break
            }
        case .generated(let generator):
            switch generator {
            case .normal(let rows, let columns, _, _), .uniform(let rows, let columns, _, _): matrix = (rows, columns)
            case .labels(let n, let c): count = n; classes = c
            case .normalList(let n, let rows, let columns, _): count = n; matrixShapes = [(rows, columns)]
            }
        }
    }

    /// `3×4`, for messages.
    static func describe(_ shape: (rows: Int, columns: Int)) -> String { "\(shape.rows)×\(shape.columns)" }
}
