/// Every problem found while loading an assignment; loading fails if there is any.
public struct AssignmentLoadError: Error, Sendable, CustomStringConvertible {
    /// The problems, ordered by file, line and column.
    public var problems: [CaseFileProblem]

    /// Creates an error from its problems.
    public init(problems: [CaseFileProblem]) {
        self.problems = problems
    }

    /// One line a problem, then a count.
    public var description: String {
        let lines = problems.map(\.description)
        let count = problems.count == 1 ? "1 problem" : "\(problems.count) problems"
        return (lines + ["\(count) in the assignment's files"]).joined(separator: "\n")
    }
}
