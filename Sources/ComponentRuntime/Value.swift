import GradeKit

/// A value that crosses the boundary between the grader and a worker: an input of a
/// component or one of its outputs.
public enum Value: Sendable, Hashable, Codable {
    /// A scalar, such as a loss.
    case scalar(Double)
    /// A matrix, such as scores or a gradient.
    case matrix(Matrix)
    /// A list of integers, such as labels.
    case integers([Int])
    /// A list of scalars, such as a loss history or learning rates.
    case series([Double])
    /// A list of matrices, such as an optimizer's trajectory.
    case matrices([Matrix])
    /// A name, such as the test function of a numerical-gradient case.
    case text(String)

    /// A short description of the kind and shape, for messages: `matrix 3×4`, `scalar`.
    public var shapeDescription: String {
        switch self {
        case .scalar: "scalar"
        case .matrix(let m): "matrix \(m.rows)×\(m.columns)"
        case .integers(let v): "\(v.count) integers"
        case .series(let v): "series of \(v.count)"
        case .matrices(let v): "\(v.count) matrices" + (v.first.map { " of \($0.rows)×\($0.columns)" } ?? "")
        case .text: "text"
        }
    }

    /// How many numbers the value holds: `numbers.count`, without making the list.
    public var numberCount: Int {
        switch self {
        case .scalar: 1
        case .matrix(let m): m.count
        case .integers(let v): v.count
        case .series(let v): v.count
        case .matrices(let v): v.reduce(0) { $0 + $1.count }
        case .text: 0
        }
    }

    /// Every number in the value, in a fixed order (matrices row-major, lists in order).
    public var numbers: [Double] {
        switch self {
        case .scalar(let x): [x]
        case .matrix(let m): m.elements
        case .integers(let v): v.map(Double.init)
        case .series(let v): v
        case .matrices(let v): v.flatMap(\.elements)
        case .text: []
        }
    }
}
