import AssignmentFormat
import ComponentRuntime
import Foundation
import GradeResults

/// Selects cases by component or case name: `softmax` selects a component, `svm-cat-2.9`
/// a case, and `*` and `?` are wildcards (`linear-*`). Several patterns are separated by commas.
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
        fnmatch(pattern, text, 0) == 0
    }
}
