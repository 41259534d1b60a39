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

extension InputSpec {
    /// How many numbers the input holds, without generating it.
    public var numberCount: Int {
        switch self {
        case .literal(let value): value.numberCount
        case .generated(.normal(let rows, let columns, _, _)), .generated(.uniform(let rows, let columns, _, _)): rows * columns
        case .generated(.labels(let count, _)): count
        case .generated(.normalList(let count, let rows, let columns, _)): count * rows * columns
        }
    }
}

extension TestCase {
    /// How many numbers its inputs hold.
    public var inputNumbers: Int { inputs.values.reduce(0) { $0 + $1.numberCount } }

    /// True for a case that costs far more than the others to run: an efficiency race, or
    /// inputs of 100,000 numbers or more (CIFAR size is 1.5 million).
    public var isExpensive: Bool { kind == .efficiency || inputNumbers >= 100_000 }
}
