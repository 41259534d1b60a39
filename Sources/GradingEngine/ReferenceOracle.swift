import AssignmentFormat
import ComponentRuntime
import GradeKit
import Reference

/// The trusted implementation, run in the grader's own process to compute expected values.
public struct ReferenceOracle {
    private let invoker: ComponentInvoker

    /// Creates the oracle over the reference's registered components.
    public init() {
        var registry = ComponentRegistry()
        Reference.registerComponents(in: &registry)
        invoker = ComponentInvoker(registry: registry)
    }

    /// The reference's outputs for an invocation.
    public func outputs(for invocation: Invocation) throws(InvocationFailure) -> Values {
        try invoker.invoke(invocation)
    }
}

extension TestCase {
    /// True when grading this case asks the reference implementation for expected values:
    /// a `reference` case, or a `numerically-stable` property without literal expected values.
    /// A student kit, which has no reference, records these values at release time.
    public var asksTheReference: Bool {
        switch (kind, expected) {
        case (.reference, .reference): true
        case (.property, .literal): false
        case (.property, _): property == .numericallyStable
        default: false
        }
    }
}
