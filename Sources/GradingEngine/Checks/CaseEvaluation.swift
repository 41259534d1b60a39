import AssignmentFormat
import ComponentRuntime
import GradeResults

/// What a check found, before it becomes a ``CheckResult``: passed, or the first problem
/// with its reason, plus the comparisons to show.
public struct CaseEvaluation: Sendable {
    /// True when the case passed.
    public var passed: Bool
    /// The problem when it did not.
    public var problem: Problem?
    /// Why it did not, for the student.
    public var reason: String?
    /// The misconception the failure points to, when recognised.
    public var misconception: String?
    /// The quantities compared.
    public var comparisons: [Comparison]
    /// The keys of the known mistakes the outputs were found to be (`softmax/log-base-10`).
    public var mistakes: [String] = []

    /// A pass with the comparisons that showed it.
    public static func pass(_ comparisons: [Comparison] = []) -> CaseEvaluation {
        CaseEvaluation(passed: true, problem: nil, reason: nil, misconception: nil, comparisons: comparisons)
    }

    /// A failure.
    public static func fail(_ problem: Problem, _ reason: String, comparisons: [Comparison] = [],
                            misconception: String? = nil) -> CaseEvaluation {
        CaseEvaluation(passed: false, problem: problem, reason: reason, misconception: misconception, comparisons: comparisons)
    }

    /// The failure of a check that needs output `name` to be `expected` (such as "a scalar" or
    /// "a 3×4 matrix") and got `got` instead: a missing result when nothing came back, a wrong
    /// shape otherwise, with both named in the reason.
    public static func wrongOutput(_ name: String, expected: String, got: Value?) -> CaseEvaluation {
        guard let got else { return .fail(.missingResult, "no \(name) was returned (expected \(expected))") }
        return .fail(.wrongShape, "\(name) must be \(expected), got \(got.shapeDescription)")
    }

    /// Combines comparator verdicts: passes when all passed, else reports the first failure.
    public static func from(_ verdicts: [ValueComparator.Verdict]) -> CaseEvaluation {
        let comparisons = verdicts.map(\.comparison)
        if let failed = verdicts.first(where: { $0.problem != nil }) {
            return .fail(failed.problem!, failed.reason ?? "wrong \(failed.comparison.quantity)", comparisons: comparisons)
        }
        return .pass(comparisons)
    }
}
