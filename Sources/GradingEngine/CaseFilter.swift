import AssignmentFormat
import ComponentRuntime
import Foundation
import GradeResults

/// Selects cases by component or case name: a pattern without wildcards selects every case
/// whose component or name holds it (`svm` selects multiclass-svm, linear-svm and their cases,
/// `svm-cat-2.9` one case); with `*` or `?` it must match the whole component or name
/// (`linear-*`). Several patterns are separated by commas.
public struct CaseFilter: Sendable {
    /// The patterns; a case is selected when any matches its component or its name.
    public let patterns: [String]

    /// Creates a filter from a comma-separated list.
    public init(_ text: String) {
        patterns = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// True when a pattern matches the case's component or name.
    public func matches(_ testCase: TestCase) -> Bool {
        patterns.contains { Self.glob($0, testCase.component) || Self.glob($0, testCase.name) }
    }

    static func glob(_ pattern: String, _ text: String) -> Bool {
        guard pattern.contains(where: { "*?[".contains($0) }) else { return text.contains(pattern) }
        return fnmatch(pattern, text, 0) == 0
    }

    /// Why the filter selects no case of `assignment`, with the nearest component or case name
    /// to each pattern when one is near.
    public func selectsNothing(in assignment: Assignment) -> String {
        let names = assignment.components.map(\.name) + assignment.cases.map(\.name)
        let near = patterns.compactMap { NameSuggestion.nearest(to: $0, among: names) }
        let list = patterns.joined(separator: ",")
        guard !near.isEmpty else {
            return "--filter \(list) selects no case of \(assignment.id): its components are " + assignment.components.map(\.name).joined(separator: ", ")
        }
        return "--filter \(list) selects no case of \(assignment.id): did you mean " + near.map { "'\($0)'" }.joined(separator: " or ") + "?"
    }
}
