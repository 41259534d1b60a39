import GradeKit

/// What a family's ``FamilyDescriptor/invoke`` works with: the invocation, the registered
/// conformance, and typed access to the inputs.
public struct InvocationContext {
    /// The invocation run.
    public let invocation: Invocation
    /// The conformance registered under the invocation's component.
    public let type: any Component.Type
    /// The registry, for families that use another component (a trainer's objective).
    public let registry: ComponentRegistry

    /// The hyper-parameters the component is created with.
    public var hyperparameters: Hyperparameters { invocation.hyperparameters }

    /// The failure to throw when the registered type is not of the family's protocol.
    public var wrongFamily: InvocationFailure {
        .wrongFamily(component: invocation.component, expected: invocation.family, registered: type.family)
    }

    /// The input of `port`, failing with its name when missing or of another kind.
    public func input<V>(_ port: Port<V>) throws(InvocationFailure) -> V {
        guard let value = invocation.inputs[port] else { throw .badInput(name: port.name, expected: V.kind.noun) }
        return value
    }

    /// Whether the invocation carries an input called like `port`.
    public func has<V>(_ port: Port<V>) -> Bool { invocation.inputs[port.name] != nil }

    /// The test function named by the input of `port`.
    public func testFunction(_ port: Port<String>) throws(InvocationFailure) -> TestFunction {
        let name = try input(port)
        guard let function = TestFunction.named(name) else { throw .unknownName(input: port.name, name: name) }
        return function
    }
}
