/// How serious a compiler message is, as the compiler labels it.
public enum DiagnosticSeverity: String, Sendable, Hashable, Codable, CaseIterable {
    /// The submission does not compile.
    case error
    /// The submission compiles, but something in it is probably wrong.
    case warning
    /// More about the error or warning before it.
    case note

    /// True for ``error``, the severity that fails a build.
    public var isError: Bool { self == .error }
}
