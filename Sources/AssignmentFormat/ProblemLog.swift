/// Collects the problems of a load, so that every one is reported at once.
final class ProblemLog {
    /// The problems in the order they were found.
    private(set) var problems: [CaseFileProblem] = []

    /// Records a problem.
    func report(_ location: SourceLocation, _ message: String, suggestion: String? = nil) {
        problems.append(CaseFileProblem(location: location, message: message, suggestion: suggestion))
    }

    /// The problems ordered by file, line and column (stable for equal places).
    var sorted: [CaseFileProblem] {
        problems.enumerated().sorted { a, b in
            let l = a.element.location, r = b.element.location
            if l.file != r.file { return l.file < r.file }
            if l.line != r.line { return l.line < r.line }
            if l.column != r.column { return l.column < r.column }
            return a.offset < b.offset
        }.map(\.element)
    }
}
