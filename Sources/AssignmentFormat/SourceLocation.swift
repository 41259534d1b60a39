import ComponentRuntime
import GradeKit
import GradeResults

/// A place in a case file.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file path, relative to the assignment folder where possible.
    public var file: String
    /// The 1-based line, 0 when unknown.
    public var line: Int
    /// The 1-based column, 0 when unknown.
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// An unknown place.
    public static let unknown = SourceLocation(file: "", line: 0, column: 0)

    /// `file:line:column`.
    public var description: String { line > 0 ? "\(file):\(line):\(column)" : file }
}
