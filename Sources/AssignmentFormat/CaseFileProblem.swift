/// One problem in an assignment's files: where it is, what is wrong, and what to write instead.
public struct CaseFileProblem: Sendable, Hashable, CustomStringConvertible {
    /// Where the problem is.
    public var location: SourceLocation
    /// What is wrong, such as `unknown field 'tolerence' in case 'svm-cat-2.9'`.
    public var message: String
    /// What to write instead, such as `did you mean 'tolerance'?`.
    public var suggestion: String?

    /// Creates a problem.
    public init(location: SourceLocation, message: String, suggestion: String? = nil) {
        self.location = location
        self.message = message
        self.suggestion = suggestion
    }

    /// The compiler-style line: `cases/svm.yaml:12:5: error: unknown field 'tolerence' in case
    /// 'svm-cat-2.9'; did you mean 'tolerance'?`.
    public var description: String {
        "\(location): error: \(message)" + (suggestion.map { "; \($0)" } ?? "")
    }
}
