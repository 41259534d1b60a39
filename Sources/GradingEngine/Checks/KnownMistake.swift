/// A classic wrong implementation of a component, kept as trusted code beside the
/// reference (`registerKnownMistakes(in:)`): when a submission's outputs equal the
/// mistake's on the same inputs, the explanation names what the student did.
public struct KnownMistake: Sendable, Hashable {
    /// The component the mistake is made in, such as `adagrad`.
    public let component: String
    /// A stable name, such as `epsilon-outside-root`.
    public let name: String
    /// One sentence a student understands.
    public let explanation: String
    /// The lecture idea it misses.
    public let idea: String
    /// True when the mistake computes in `Float`: outputs are its when they agree to single
    /// precision and differ from the reference's by more than double-precision round-off.
    public let singlePrecision: Bool

    /// The key its conformance is registered under: `adagrad/epsilon-outside-root`.
    public var key: String { "\(component)/\(name)" }

    /// The mistake registered under `key` (`component/name`), with its explanation and idea.
    public init?(key: String, explanation: String, idea: String, singlePrecision: Bool = false) {
        let parts = key.split(separator: "/", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        component = String(parts[0])
        name = String(parts[1])
        self.explanation = explanation
        self.idea = idea
        self.singlePrecision = singlePrecision
    }
}
