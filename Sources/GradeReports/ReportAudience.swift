import GradeResults

/// Who a report is written for, which decides how much of each case it may show.
///
/// Students see the inputs, expected values, values their code gave and the output of `visible`
/// cases. Of a `hidden` case they see only its place (`hidden case 2 of softmax`), points and
/// verdict — not its name, which can hold the answer; of an `after_due_date`
/// case likewise, until the due date has passed. Staff see everything.
public enum ReportAudience: Sendable, Hashable {
    /// A student before the due date: `hidden` and `after_due_date` cases are withheld.
    case student
    /// A student after the due date: `after_due_date` cases are shown, `hidden` ones still withheld.
    case studentAfterDueDate
    /// Instructors and teaching assistants: every case in full.
    case staff

    /// True when this audience may see the inputs, expected and got values and output of a case
    /// with the given visibility.
    public func showsDetails(of visibility: Visibility) -> Bool {
        switch (self, visibility) {
        case (.staff, _), (_, .visible): true
        case (.studentAfterDueDate, .afterDueDate): true
        default: false
        }
    }

    /// The students a report for this audience can reach: a summary every student reads (the
    /// top-level output of Gradescope's results.json) is written for them, even in a staff
    /// report whose tests Gradescope itself hides from students.
    public var students: ReportAudience { self == .staff ? .student : self }

    /// True when this audience may see the details of the check.
    public func showsDetails(of check: CheckResult) -> Bool { showsDetails(of: check.visibility) }
}

extension ComponentResult {
    /// How `audience` names `check`: by its case name when it may see the case, otherwise as
    /// `hidden case N of COMPONENT` (or `after-due-date case N of COMPONENT`), N counting the
    /// component's withheld cases of that visibility in case order. A case name or title can
    /// hold the answer (`softmax-notes-1.04-hidden`), so neither reaches who may not see the case.
    public func name(of check: CheckResult, for audience: ReportAudience) -> String {
        guard !audience.showsDetails(of: check) else { return check.name }
        let withheld = checks.filter { $0.visibility == check.visibility && !audience.showsDetails(of: $0) }
        let ordinal = (withheld.firstIndex { $0.name == check.name } ?? 0) + 1
        let kind = check.visibility == .afterDueDate ? "after-due-date" : "hidden"
        return "\(kind) case \(ordinal) of \(name)"
    }

    /// The checks `audience` may see in full, and the score and points of those.
    ///
    /// A summary written for students (Gradescope's top-level output, the Markdown summary)
    /// adds up only these: a per-component score that counted a hidden case would tell its
    /// verdict ("Adam: 0/4" when the one hidden Adam case failed).
    public func shown(to audience: ReportAudience) -> (checks: [CheckResult], score: Double, points: Double) {
        let checks = self.checks.filter { audience.showsDetails(of: $0) }
        return (checks, checks.reduce(0) { $0 + $1.score }, checks.reduce(0) { $0 + $1.points })
    }
}

extension GradeRun {
    /// How many checks, and how many points, `audience` may not see in full.
    public func withheld(from audience: ReportAudience) -> (count: Int, points: Double) {
        let withheld = components.flatMap(\.checks).filter { !audience.showsDetails(of: $0) }
        return (withheld.count, withheld.reduce(0) { $0 + $1.points })
    }
}
