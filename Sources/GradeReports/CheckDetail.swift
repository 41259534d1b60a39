import GradeResults

/// What a report says about one check beyond its verdict: the comparisons, the reason, the
/// misconception it points to and the hint, with the student-view rule already applied.
///
/// The JUnit, Gradescope and console writers all draw from this one value, so they say the
/// same things in the same order.
public struct CheckDetail: Sendable, Hashable {
    /// True when the audience may see the case's values and output.
    public var isShown: Bool
    /// Who may see the case, which decides what is said in place of withheld details.
    public var visibility: Visibility
    /// What is said in place of the details, when the audience may not see them.
    public var withheldNotice: String?
    /// Why it failed or errored (withheld for a case the audience may not see).
    public var reason: String?
    /// The comparisons to show: the failing ones, or all of them when asked.
    public var comparisons: [Comparison]
    /// The misconception the failure points to.
    public var misconception: String?
    /// The lecture idea the named mistake misses.
    public var idea: String?
    /// On a passing check, the convention it was accepted under.
    public var note: String?
    /// The instructor's hint.
    public var hint: String?
    /// The failing case's inputs as Swift declarations.
    public var inputs: String?

    /// The label put before a misconception.
    public static let misconceptionLabel = "This pattern usually means:"
    /// The label put before the lecture idea a mistake misses.
    public static let ideaLabel = "The idea:"
    /// The label put before a passing check's note.
    public static let noteLabel = "Note:"

    /// The detail of `check` for `audience`; passing comparisons only when `allComparisons` is set.
    public init(_ check: CheckResult, audience: ReportAudience, allComparisons: Bool = false) {
        isShown = audience.showsDetails(of: check)
        visibility = check.visibility
        withheldNotice = isShown ? nil : audience.withheldNotice(for: check.visibility)
        guard isShown else {
            reason = nil; comparisons = []; misconception = nil; idea = nil; note = nil; hint = nil; inputs = nil
            return
        }
        let failing = check.status != .passed
        reason = failing ? check.reason : nil
        comparisons = allComparisons ? check.comparisons : check.comparisons.filter { !$0.passed }
        misconception = failing ? check.misconception : nil
        idea = failing && misconception != nil ? check.idea : nil
        note = failing ? nil : check.misconception
        hint = failing ? check.hint : nil
        inputs = failing ? check.inputs : nil
    }

    /// The label put before a failing case's inputs.
    public static let inputsLabel = "The inputs, as Swift:"

    /// The lines of one comparison: `quantity: expected E, got G` and its error and tolerance.
    public static func lines(of comparison: Comparison) -> [String] {
        var lines = ["\(comparison.quantity): expected \(comparison.expected), got \(comparison.got)"]
        var measure: [String] = []
        if let error = comparison.relativeError { measure.append("relative error \(ReportNumber.relativeError(error))") }
        if !comparison.tolerance.isEmpty { measure.append("tolerance \(comparison.tolerance)") }
        if !measure.isEmpty { lines.append("  " + measure.joined(separator: ", ")) }
        return lines
    }

    /// The detail as plain text, one item a line; for a withheld case, only the notice.
    public var plainText: String {
        if let withheldNotice { return withheldNotice }
        var lines: [String] = []
        if let reason, !reason.isEmpty { lines.append(reason) }
        for comparison in comparisons { lines += Self.lines(of: comparison) }
        if let misconception, !misconception.isEmpty { lines.append("\(Self.misconceptionLabel) \(misconception)") }
        if let idea, !idea.isEmpty { lines.append("\(Self.ideaLabel) \(idea)") }
        if let note, !note.isEmpty { lines.append("\(Self.noteLabel) \(note)") }
        if let hint, !hint.isEmpty { lines.append("Hint: \(hint)") }
        if let inputs, !inputs.isEmpty { lines.append(Self.inputsLabel); lines.append(inputs) }
        return lines.joined(separator: "\n")
    }

    /// A one-line summary for JUnit's `message` attribute: the first line of the reason, at
    /// most `limit` characters, or the problem's name.
    public static func shortMessage(_ check: CheckResult, audience: ReportAudience, limit: Int = 200) -> String {
        let problem = check.problemName ?? check.status.rawValue
        guard audience.showsDetails(of: check) else { return "\(problem): " + audience.withheldNotice(for: check.visibility) }
        guard let reason = check.reason,
              let first = reason.split(whereSeparator: \.isNewline).first, !first.isEmpty else { return problem }
        return first.count > limit ? String(first.prefix(limit)) + "…" : String(first)
    }
}
