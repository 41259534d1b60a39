import ComponentRuntime
import GradeKit
import GradeResults

/// One input of a case: a literal value or a seeded generator.
public enum InputSpec: Sendable, Hashable {
    /// A literal value.
    case literal(Value)
    /// A generated value.
    case generated(Generator)
}
