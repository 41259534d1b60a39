import GradeKit

/// Runs invocations against the conformances of one registry: a student's inside a
/// worker process, the reference's inside the grader.
///
/// What each family takes and returns, and how its conformance is called, is its
/// ``FamilyDescriptor``'s.
public struct ComponentInvoker {
    /// The conformances invocations run against.
    public let registry: ComponentRegistry
    /// The families invocations may name.
    public let families: FamilyCatalog

    /// Creates an invoker over a registry.
    public init(registry: ComponentRegistry, families: FamilyCatalog = .standard) {
        self.registry = registry
        self.families = families
    }

    /// Runs one invocation and returns its raw outputs.
    public func invoke(_ invocation: Invocation) throws(InvocationFailure) -> Values {
        try whileRunning(invocation.component) { () throws(InvocationFailure) -> Values in try run(invocation) }
    }

    private func run(_ invocation: Invocation) throws(InvocationFailure) -> Values {
        guard let entry = registry[invocation.component] else {
            throw .notRegistered(component: invocation.component, registered: registry.entries.keys.sorted())
        }
        guard entry.family == invocation.family, let descriptor = families.descriptor(for: invocation.family) else {
            throw .wrongFamily(component: invocation.component, expected: invocation.family, registered: entry.family)
        }
        var call = invocation
        if let variation = invocation.variation {
            call.inputs = try variation.applied(to: invocation.inputs)
            call.variation = nil
        }
        let values = try descriptor.invoke(InvocationContext(invocation: call, type: entry.type, registry: registry))
        guard let wanted = invocation.outputs else { return values }
        return values.filter { wanted.contains($0.key) }
    }
}
