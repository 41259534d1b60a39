import GradeKit

/// A named input or output of a family, typed by the Swift value it carries: the key of
/// ``Values`` that code reads and writes instead of a string.
///
/// Ports are declared once, as static members (`Port<Matrix>.scores`), so that
/// `inputs[.scores]` is a `Matrix?` and a misspelt name does not compile.
public struct Port<V: PortValue>: Sendable, Hashable {
    /// The name, as case files write it and as ``Values`` keys it.
    public let name: String

    /// Creates the port called `name`.
    public init(_ name: String) { self.name = name }

    /// The kind of value the port carries.
    public var kind: ValueKind { V.kind }

    /// The port without its type, for lists of ports of several kinds.
    public var erased: AnyPort { AnyPort(name: name, kind: V.kind) }
}

/// A port without its Swift type: its name and kind.
public struct AnyPort: Sendable, Hashable {
    /// The name, a key of ``Values``.
    public let name: String
    /// The kind of its value.
    public let kind: ValueKind
}

extension Dictionary where Key == String, Value == ComponentRuntime.Value {
    /// The value of `port`, when present and of the port's kind.
    public subscript<V: PortValue>(_ port: Port<V>) -> V? {
        get { self[port.name].flatMap(V.init) }
        set { self[port.name] = newValue?.value }
    }

    /// The value of `port`, whatever its kind.
    public subscript(_ port: AnyPort) -> ComponentRuntime.Value? {
        get { self[port.name] }
        set { self[port.name] = newValue }
    }
}

// The ports several families share.

extension Port where V == Double {
    /// A scalar loss (or penalty).
    public static var loss: Port { Port("loss") }
}

extension Port where V == Matrix {
    /// The gradient of the loss with respect to a family's main input.
    public static var gradient: Port { Port("gradient") }
    /// Weights W of a linear classifier or a regularizer.
    public static var weights: Port { Port("weights") }
    /// X, N×D inputs of a linear classifier.
    public static var inputs: Port { Port("inputs") }
}

extension Port where V == [Int] {
    /// y, one class index (or 0/1 label) per sample.
    public static var labels: Port { Port("labels") }
    /// Step counts or indices.
    public static var steps: Port { Port("steps") }
}

extension Port where V == String {
    /// The name of a test function (``TestFunction``) or of a component to use.
    public static var objective: Port { Port("objective") }
}

extension Dictionary where Key == String, Value == ComponentRuntime.Value {
    /// The value of `port` whatever its kind, for code that reports a value of the wrong
    /// kind rather than skipping it.
    public subscript<V: PortValue>(value port: Port<V>) -> ComponentRuntime.Value? {
        get { self[port.name] }
        set { self[port.name] = newValue }
    }
}

extension Dictionary where Key == String, Value == ComponentRuntime.Value {
    /// The values with `port` set to `value`: `Values().with(.scores, s).with(.labels, y)`.
    public func with<V: PortValue>(_ port: Port<V>, _ value: V) -> Self {
        var values = self
        values[port] = value
        return values
    }
}
