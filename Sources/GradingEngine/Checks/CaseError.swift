import AssignmentFormat
import ComponentRuntime
import GradeResults

/// Why a case could not be graded at all: a fault of the case or the reference, not of the
/// student. The grader stops with exit status 2.
public struct CaseError: Error, Sendable, CustomStringConvertible {
    /// The case.
    public var caseName: String
    /// Where it was written.
    public var location: SourceLocation
    /// What is wrong.
    public var message: String

    /// `file:line:col: error: case 'name': message`.
    public var description: String { "\(location): error: case '\(caseName)': \(message)" }
}
