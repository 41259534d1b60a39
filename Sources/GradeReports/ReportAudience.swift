import GradeResults

/// Who a report is written for, which decides how much of each case it may show.
///
/// Students see the inputs, expected values, values their code gave and the output of `visible`
/// cases. A `hidden` case is withheld from them: they see only its place (`hidden case 2 of
/// softmax`) and its points — not its name or title, which can hold the answer — and its verdict
/// only when the assignment's ``WithheldCases`` is `verdict`; no total they see counts it
/// otherwise. An `after_due_date` case is withheld likewise until the due date has passed, an
/// `after_published` one until the grades are published. Staff see everything.
public struct ReportAudience: Sendable, Hashable {
    /// Instructors and teaching assistants, who see every case in full.
    public var isStaff: Bool
    /// The due date has passed: `after_due_date` cases are shown.
    public var dueDatePassed: Bool
    /// The grades are published: `after_published` cases are shown.
    public var gradesPublished: Bool
    /// What the assignment lets this audience know of a case withheld from it; a writer takes it
    /// from the run it writes (``reading(_:)``).
    public var withheldCases: WithheldCases

    /// Creates an audience.
    public init(isStaff: Bool = false, dueDatePassed: Bool = false, gradesPublished: Bool = false, withheldCases: WithheldCases = .place) {
        self.isStaff = isStaff
        self.dueDatePassed = dueDatePassed
        self.gradesPublished = gradesPublished
        self.withheldCases = withheldCases
    }

    /// A student before the due date: `hidden`, `after_due_date` and `after_published` cases are withheld.
    public static let student = ReportAudience()
    /// A student after the due date: `after_due_date` cases are shown, the others still withheld.
    public static let studentAfterDueDate = ReportAudience(dueDatePassed: true)
    /// Instructors and teaching assistants: every case in full.
    public static let staff = ReportAudience(isStaff: true)

    /// This audience reading `run`: with the rule of `run`'s assignment for withheld cases.
    public func reading(_ run: GradeRun) -> ReportAudience {
        var audience = self
        audience.withheldCases = run.assignment.withheldCases
        return audience
    }

    /// True when this audience may see the inputs, expected and got values and output of a case
    /// with the given visibility.
    public func showsDetails(of visibility: Visibility) -> Bool {
        switch visibility {
        case .visible: true
        case .hidden: isStaff
        case .afterDueDate: isStaff || dueDatePassed
        case .afterPublished: isStaff || gradesPublished
        }
    }

    /// The students a report for this audience can reach: a summary every student reads (the
    /// top-level output of Gradescope's results.json) is written for them, even in a staff
    /// report whose tests Gradescope itself hides from students.
    public var students: ReportAudience {
        guard isStaff else { return self }
        var audience = ReportAudience.student
        audience.withheldCases = withheldCases
        return audience
    }

    /// True when this audience may see the details of the check.
    public func showsDetails(of check: CheckResult) -> Bool { showsDetails(of: check.visibility) }

    /// True when this audience may know whether the check passed and what it scored: when it
    /// may see the check in full, or when the assignment tells the verdicts of withheld cases.
    public func showsVerdict(of check: CheckResult) -> Bool { showsDetails(of: check) || withheldCases == .verdict }

    /// What is said in place of the details of a case with `visibility` this audience may not see.
    public func withheldNotice(for visibility: Visibility) -> String {
        let verdict = withheldCases == .verdict ? "" : " Whether it passed is not shown either."
        switch visibility {
        case .afterDueDate: return "The details of this case are shown after the due date." + verdict
        case .afterPublished: return "The details of this case are shown when the grades are published." + verdict
        case .visible, .hidden: return "This is a hidden case: its details are not shown." + verdict
        }
    }
}

extension ComponentResult {
    /// How `audience` names `check`: by its case name when it may see the case, otherwise as
    /// `hidden case N of COMPONENT` (or `after-due-date case N`, `after-published case N`), N
    /// counting the component's withheld cases of that visibility in case order. A case name or
    /// title can hold the answer (`softmax-notes-1.04-hidden`), so neither reaches who may not
    /// see the case.
    public func name(of check: CheckResult, for audience: ReportAudience) -> String {
        guard !audience.showsDetails(of: check) else { return check.name }
        let withheld = checks.filter { $0.visibility == check.visibility && !audience.showsDetails(of: $0) }
        let ordinal = (withheld.firstIndex { $0.name == check.name } ?? 0) + 1
        let kind = switch check.visibility {
        case .afterDueDate: "after-due-date"
        case .afterPublished: "after-published"
        case .visible, .hidden: "hidden"
        }
        return "\(kind) case \(ordinal) of \(name)"
    }

    /// The checks whose verdict `audience` may know, with their score and points.
    ///
    /// Every total written for students (the console's, the Markdown summary's, Gradescope's
    /// top-level output, the JUnit file's) adds up only these: a per-component score that
    /// counted a withheld case would tell its verdict ("Adam: 0/4" when the one hidden Adam
    /// case failed).
    public func counted(for audience: ReportAudience) -> (checks: [CheckResult], score: Double, points: Double) {
        let checks = self.checks.filter { audience.showsVerdict(of: $0) }
        return (checks, checks.reduce(0) { $0 + $1.score }, checks.reduce(0) { $0 + $1.points })
    }
}

/// These read `audience` with the run's own rule for withheld cases.
extension GradeRun {
    /// The checks whose verdict `audience` may not know: how many, and their points.
    public func withheld(from audience: ReportAudience) -> (count: Int, points: Double) {
        let audience = audience.reading(self)
        let withheld = checks.filter { !audience.showsVerdict(of: $0) }
        return (withheld.count, withheld.reduce(0) { $0 + $1.points })
    }

    /// The score and points `audience` may know: those of the checks whose verdict it may know.
    public func counted(for audience: ReportAudience) -> (score: Double, points: Double) {
        let audience = audience.reading(self)
        let counted = checks.filter { audience.showsVerdict(of: $0) }
        return (counted.reduce(0) { $0 + $1.score }, counted.reduce(0) { $0 + $1.points })
    }

    /// True when the build succeeded and every check whose verdict `audience` may know passed:
    /// what a grading command's exit status tells, so that a student's CI job cannot tell a
    /// hidden case's verdict by turning red.
    public func allPassed(for audience: ReportAudience) -> Bool {
        let audience = audience.reading(self)
        return build.succeeded && checks.allSatisfy { $0.status == .passed || !audience.showsVerdict(of: $0) }
    }

    /// The number of checks with `status` among those whose verdict `audience` may know.
    public func count(_ status: CheckStatus, for audience: ReportAudience) -> Int {
        let audience = audience.reading(self)
        return checks.filter { $0.status == status && audience.showsVerdict(of: $0) }.count
    }
}
