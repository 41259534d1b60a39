
/// The conformances of a submission, each under its stable component name.
///
/// A submission fills the registry in its `registerComponents(in:)` function:
///
/// ```swift
/// public func registerComponents(in registry: inout ComponentRegistry) {
///     registry.register("multiclass-svm", MulticlassSVM.self)
///     registry.register("adam", Adam.self)
/// }
/// ```
///
/// A component that is not registered is graded as "not implemented", alone.
public struct ComponentRegistry {
    /// A registered conformance.
    public struct Entry {
        /// The conforming type.
        public let type: any Component.Type

        /// The family of the registered type.
        public var family: ComponentFamily { type.family }
    }

    /// The registered conformances by component name.
    public private(set) var entries: [String: Entry] = [:]

    /// Creates an empty registry.
    public init() {}

    /// The conformance registered under `name`, if any.
    public subscript(name: String) -> Entry? { entries[name] }

    /// Registers a conformance of any family under `name`, e.g.
    /// `registry.register("multiclass-svm", MulticlassSVM.self)`; a later registration of
    /// the same name replaces the earlier one.
    public mutating func register<C: Component>(_ name: String, _ type: C.Type) {
        entries[name] = Entry(type: type)
    }
}
