/// One compiler message at a place in a submission file.
public struct Diagnostic: Sendable, Hashable, Codable {
    /// `error`, `warning` or `note`.
    public var severity: String
    /// The file, relative to the submission folder.
    public var file: String
    /// The 1-based line.
    public var line: Int
    /// The 1-based column.
    public var column: Int
    /// The message.
    public var message: String

    /// Creates a diagnostic.
    public init(severity: String, file: String, line: Int, column: Int, message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line:column: severity: message`, as compilers print it.
    public var formatted: String { "\(file):\(line):\(column): \(severity): \(message)" }
}
