/// One compiler message at a place in a submission file.
public struct Diagnostic: Sendable, Hashable, Codable {
    /// Whether it is an error, a warning or a note.
    public var severity: DiagnosticSeverity
    /// The file, relative to the submission folder.
    public var file: String
    /// The 1-based line.
    public var line: Int
    /// The 1-based column.
    public var column: Int
    /// The message.
    public var message: String

    /// Creates a diagnostic.
    public init(severity: DiagnosticSeverity, file: String, line: Int, column: Int, message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// True when the diagnostic fails the build.
    public var isError: Bool { severity.isError }

    /// `file:line:column: severity: message`, as compilers print it.
    public var formatted: String { "\(file):\(line):\(column): \(severity.rawValue): \(message)" }
}
