/// The outcome of compiling a submission.
public struct BuildOutcome: Sendable, Hashable, Codable {
    /// True when the submission compiled and linked.
    public var succeeded: Bool
    /// The compiler's errors and warnings located in the submission's files.
    public var diagnostics: [Diagnostic]
    /// The compiler's output, trimmed.
    public var log: String
    /// Wall-clock seconds the build took (0 when a cached build was reused).
    public var duration: Double

    /// Creates a build outcome.
    public init(succeeded: Bool, diagnostics: [Diagnostic] = [], log: String = "", duration: Double = 0) {
        self.succeeded = succeeded
        self.diagnostics = diagnostics
        self.log = log
        self.duration = duration
    }
}
