import ComponentRuntime
import GradeKit
import GradeResults

/// What a case's outputs are compared with.
enum ExpectedSpec: Sendable, Hashable {
    /// Nothing: the kind computes its own verdict (gradient checks, properties, convergence,
    /// numerical-gradient cases compare against exact gradients).
    case none
    /// Literal values, by output name.
    case literal(Values)
    /// The reference implementation's outputs on the same inputs.
    case reference
}
