import GradeKit

/// A Swift type that a port carries: each is one kind of ``Value``.
///
/// `Double` is a scalar, `Matrix` a matrix, `String` a name, and lists of `Int`, `Double`
/// and `Matrix` are integers, a series and matrices.
public protocol PortValue: Sendable, Hashable {
    /// The kind of value the type is carried as.
    static var kind: ValueKind { get }
    /// The Swift value of `value`, when it is of ``kind``.
    init?(_ value: Value)
    /// The value as it crosses the boundary.
    var value: Value { get }
}

/// An element type whose lists are a kind of ``Value``.
public protocol PortListElement: Sendable, Hashable {
    /// The kind of a list of these.
    static var listKind: ValueKind { get }
    /// The elements of `value`, when it is a list of these.
    static func elements(of value: Value) -> [Self]?
    /// A list of these as a value.
    static func list(_ elements: [Self]) -> Value
}

extension Double: PortValue {
    public static var kind: ValueKind { .scalar }
    public init?(_ value: Value) {
        guard case .scalar(let x) = value else { return nil }
        self = x
    }
    public var value: Value { .scalar(self) }
}

extension Matrix: PortValue {
    public static var kind: ValueKind { .matrix }
    public init?(_ value: Value) {
        guard case .matrix(let m) = value else { return nil }
        self = m
    }
    public var value: Value { .matrix(self) }
}

extension String: PortValue {
    public static var kind: ValueKind { .text }
    public init?(_ value: Value) {
        guard case .text(let t) = value else { return nil }
        self = t
    }
    public var value: Value { .text(self) }
}

extension Int: PortListElement {
    public static var listKind: ValueKind { .integers }
    public static func elements(of value: Value) -> [Int]? { if case .integers(let v) = value { v } else { nil } }
    public static func list(_ elements: [Int]) -> Value { .integers(elements) }
}

extension Double: PortListElement {
    public static var listKind: ValueKind { .series }
    public static func elements(of value: Value) -> [Double]? { if case .series(let v) = value { v } else { nil } }
    public static func list(_ elements: [Double]) -> Value { .series(elements) }
}

extension Matrix: PortListElement {
    public static var listKind: ValueKind { .matrices }
    public static func elements(of value: Value) -> [Matrix]? { if case .matrices(let v) = value { v } else { nil } }
    public static func list(_ elements: [Matrix]) -> Value { .matrices(elements) }
}

extension Array: PortValue where Element: PortListElement {
    public static var kind: ValueKind { Element.listKind }
    public init?(_ value: Value) {
        guard let elements = Element.elements(of: value) else { return nil }
        self = elements
    }
    public var value: Value { Element.list(self) }
}
