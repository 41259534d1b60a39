import GradeKit

/// A change the worker makes to one matrix input before it invokes the component.
///
/// A gradient check calls the component on its inputs moved a little, thousands of times:
/// sent as a variation, each call costs a few numbers across the worker boundary instead of a
/// copy of every input, and the grader holds the inputs once however many entries it checks.
public enum Variation: Sendable, Hashable, Codable {
    /// Entry `index` (row-major) of the matrix input `input` moved by `by`.
    case entry(input: String, index: Int, by: Double)
    /// The matrix input `input` moved by `by · direction`, a matrix of its shape.
    case direction(input: String, direction: Matrix, by: Double)

    /// The input that is moved.
    public var input: String {
        switch self {
        case .entry(let input, _, _), .direction(let input, _, _): input
        }
    }

    /// `inputs` with the variation applied.
    ///
    /// - Throws: ``InvocationFailure/badInput(name:expected:)`` when the input is not a matrix,
    ///   the entry is outside it, or the direction has another shape.
    public func applied(to inputs: Values) throws(InvocationFailure) -> Values {
        guard case .matrix(var x)? = inputs[input] else { throw .badInput(name: input, expected: "a matrix to vary") }
        switch self {
        case .entry(_, let index, let by):
            guard x.elements.indices.contains(index) else {
                throw .badInput(name: input, expected: "a matrix with an entry \(index) (it has \(x.count))")
            }
            x.elements[index] += by
        case .direction(_, let direction, let by):
            guard direction.rows == x.rows, direction.columns == x.columns else {
                throw .badInput(name: input, expected: "a \(direction.rows)×\(direction.columns) matrix, the shape of the direction it is moved along")
            }
            // GradeKit's operations, optimized in every build: x[k] + by·v[k], rounded as a loop would.
            x = x + by * direction
        }
        var varied = inputs
        varied[input] = .matrix(x)
        return varied
    }

    /// How many numbers the variation carries.
    public var size: Int {
        switch self {
        case .entry: 3
        case .direction(_, let direction, _): direction.count + 1
        }
    }
}
