import GradeKit

/// The kind of a ``Value``: which of its cases it is.
public enum ValueKind: String, Sendable, Hashable, CaseIterable {
    /// A number, ``Value/scalar(_:)``.
    case scalar
    /// A matrix, written as a list of rows, ``Value/matrix(_:)``.
    case matrix
    /// A list of integers, ``Value/integers(_:)``.
    case integers
    /// A list of matrices, ``Value/matrices(_:)``.
    case matrices
    /// A name, ``Value/text(_:)``.
    case text
    /// A list of numbers, ``Value/series(_:)``.
    case series

    /// How a case file writes a value of this kind, for messages: `a matrix (a list of rows, e.g. [[1, 2], [3, 4]])`.
    public var writtenForm: String {
        switch self {
        case .scalar: "a number, e.g. 2.9"
        case .matrix: "a matrix (a list of rows, e.g. [[1, 2], [3, 4]])"
        case .integers: "a list of integers, e.g. [0, 2, 1]"
        case .matrices: "a list of matrices, e.g. [[[1, 2]], [[3, 4]]]"
        case .text: "a name, e.g. seed004-quadratic"
        case .series: "a list of numbers, e.g. [0.1, 0.05]"
        }
    }

    /// The kind with its article, for messages: `a matrix`, `a list of integers`.
    public var noun: String {
        switch self {
        case .scalar: "a number"
        case .matrix: "a matrix"
        case .integers: "a list of integers"
        case .matrices: "a list of matrices"
        case .text: "a name"
        case .series: "a list of numbers"
        }
    }

    /// Whether `value` is of this kind.
    public func matches(_ value: Value) -> Bool { value.kind == self }
}

extension Value {
    /// The kind of the value.
    public var kind: ValueKind {
        switch self {
        case .scalar: .scalar
        case .matrix: .matrix
        case .integers: .integers
        case .matrices: .matrices
        case .text: .text
        case .series: .series
        }
    }
}
