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
    /// The submission's files that did not compile and were graded as the starter's versions,
    /// so that the rest of the submission could be graded; empty when every file compiled.
    /// The diagnostics are those of the submission's own files.
    public var replacedFiles: [String] = []

    /// True when every file of the submission compiled as written.
    public var compiledAsWritten: Bool { succeeded && replacedFiles.isEmpty }

    /// Creates a build outcome.
    public init(succeeded: Bool, diagnostics: [Diagnostic] = [], log: String = "", duration: Double = 0) {
        self.succeeded = succeeded
        self.diagnostics = diagnostics
        self.log = log
        self.duration = duration
    }
}
