import AssignmentFormat
import ComponentRuntime
import GradeKit
import Reference

/// The trusted implementation, run in the grader's own process to compute expected values
/// and to replay known mistakes.
public struct ReferenceOracle {
    private let registry: ComponentRegistry
    private let mistakeRegistry: ComponentRegistry
    private let families: FamilyCatalog
    /// The known mistakes a failing submission's outputs are compared with, in replay order.
    public let mistakes: [KnownMistake]

    /// Creates the oracle over the reference's components and known mistakes, or over
    /// `registry` (a course that grades more families, or a test).
    public init(registry: ComponentRegistry? = nil, families: FamilyCatalog = .standard) {
        var reference = ComponentRegistry()
        Reference.registerComponents(in: &reference)
        var mistakeRegistry = ComponentRegistry()
        Reference.registerKnownMistakes(in: &mistakeRegistry)
        self.registry = registry ?? reference
        self.mistakeRegistry = mistakeRegistry
        self.families = families
        self.mistakes = Reference.knownMistakes.compactMap {
            KnownMistake(key: $0.key, explanation: $0.explanation, idea: $0.idea,
                         singlePrecision: Reference.singlePrecisionMistakes.contains($0.key))
        }
    }

    /// The reference's outputs for an invocation.
    public func outputs(for invocation: Invocation) throws(InvocationFailure) -> Values {
        try ComponentInvoker(registry: registry, families: families).invoke(invocation)
    }

    /// The reference's registry with `mistake` in place of its component: a submission that
    /// makes exactly that mistake.
    public func registry(making mistake: KnownMistake) -> ComponentRegistry? {
        guard let entry = mistakeRegistry[mistake.key] else { return nil }
        var withMistake = registry
        withMistake.register(mistake.component, entry.type)
        return withMistake
    }

    /// The families the oracle invokes.
    public var catalog: FamilyCatalog { families }

    /// The outputs of `mistake` for an invocation of its component; nil when it cannot run.
    public func outputs(of mistake: KnownMistake, for invocation: Invocation) -> Values? {
        guard let withMistake = registry(making: mistake) else { return nil }
        return try? ComponentInvoker(registry: withMistake, families: families).invoke(invocation)
    }
}
