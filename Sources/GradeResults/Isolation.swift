/// The isolation student code actually ran under, as verified by the grader, for reports.
public struct Isolation: Sendable, Hashable, Codable {
    /// The sandbox mode asked for: `strict`, `auto` or `off`.
    public var mode: String
    /// The layers that were established and verified, each a short phrase
    /// (`a network namespace with no interfaces`).
    public var layers: [String]
    /// The layers that could not be established, each with the reason.
    public var missing: [String]

    /// Creates a description of the isolation achieved.
    public init(mode: String, layers: [String], missing: [String]) {
        self.mode = mode
        self.layers = layers
        self.missing = missing
    }

    /// One line for a report: the mode, what held and what did not.
    public var summary: String {
        var text = "sandbox \(mode)"
        text += layers.isEmpty ? ": no isolation" : ": " + layers.joined(separator: ", ")
        if !missing.isEmpty { text += "; not available: " + missing.joined(separator: "; ") }
        return text
    }
}
