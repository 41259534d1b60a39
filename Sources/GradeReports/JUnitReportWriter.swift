import FoundationEssentials
import GradeResults

/// Writes a grading run as JUnit XML for CI: Jenkins, GitLab and GitHub test reporters.
///
/// The shape follows the Jenkins xUnit schema (`junit-10.xsd`) and what consumers read:
///
///     <testsuites name tests failures errors time>
///       <testsuite name="assignment3.multiclass-svm" tests failures errors time>
///         <properties><property name="multiclass-svm.points" value="5"/><property name="multiclass-svm.score" value="3"/></properties>
///         <testcase classname="assignment3.multiclass-svm" name="svm-cat-loss" time="0.012">
///           <failure type="wrong-gradient" message="short">expected, got, error, tolerance, reason…</failure>
///           <system-out>what the student's code printed</system-out>
///         </testcase>
///       </testsuite>
///       <testsuite name="assignment3.build" …>  (only when the build failed: one `error`)
///     </testsuites>
///
/// - Suites are flat, one per component, because dorny/test-reporter reads only
///   `testsuites > testsuite > testcase`.
/// - `classname` is `<assignment>.<component>` and `name` is the case name, both stable across runs.
/// - A wrong answer and a missing implementation are a `failure`; a crash, timeout, limit,
///   missing result or build failure is an `error`. `type` is the problem's name (`wrong-gradient`).
/// - The detail goes in the element's text, because GitLab ignores `message`.
/// - Points are suite `<properties>`, named `<component>.points` so that no name repeats in
///   the file (xunitparser reads all suites' properties into one table): the schema rejects testcase-level properties,
///   `testcase@file`, `testcase@line` and `testsuites@skipped`, so none are written.
/// - `time` has three decimals and no exponent.
/// - Every string is sanitized (`TextSanitizer`) and written as escaped text, never CDATA.
public struct JUnitReportWriter: Sendable {
    /// How much student output and detail the XML may hold.
    ///
    /// The defaults keep 64 KiB of output per case and 1 MiB in the whole file, and 16 KiB of
    /// detail per case, so a report of a few dozen cases stays a few hundred kilobytes even
    /// when every case prints megabytes. Jenkins truncates long output itself and GitLab shows
    /// only the failure text. dorny/test-reporter caps what it renders (65,535 bytes per
    /// report), not what it reads, so the output budget does not need to fit that cap.
    public struct Limits: Sendable, Hashable {
        /// The most bytes of output kept for one case (about half from the start, half from the end).
        public var outputBytesPerCase: Int
        /// The most bytes of output kept in the whole file; once spent, cases get only the marker.
        public var outputBytesInAll: Int
        /// The most bytes of failure or error text for one case.
        public var detailBytesPerCase: Int

        /// Creates limits.
        public init(outputBytesPerCase: Int = 64 * 1024, outputBytesInAll: Int = 1024 * 1024,
                    detailBytesPerCase: Int = 16 * 1024) {
            self.outputBytesPerCase = outputBytesPerCase
            self.outputBytesInAll = outputBytesInAll
            self.detailBytesPerCase = detailBytesPerCase
        }
    }

    /// Who the report is for; CI reports that students can read use `.student`.
    public var audience: ReportAudience
    /// How much output and detail to keep.
    public var limits: Limits

    /// Creates a writer.
    public init(audience: ReportAudience = .student, limits: Limits = Limits()) {
        self.audience = audience
        self.limits = limits
    }

    /// The `skipped` message of a case that never ran because the submission did not compile.
    public static let neverRanMessage = "not run: the submission did not compile (see the test 'the submission compiles')"

    /// The suite name and `classname` of a component's cases: `<assignment>.<component>`.
    public static func classname(assignment: String, component: String) -> String { "\(assignment).\(component)" }

    /// The JUnit XML document for the run, UTF-8 encoded.
    public func write(_ run: GradeRun) throws -> Data {
        let audience = self.audience.reading(run)
        let xml = try XMLStreamWriter()
        var outputBudget = max(0, limits.outputBytesInAll)
        let buildFailed = !run.build.succeeded

        try xml.startElement("testsuites")
        try xml.attribute("name", run.assignment.id)
        // A case whose verdict the audience may not know is `skipped`: counted, never failed;
        // so is one that never ran because the build failed, whose one error is the build test's.
        let counted = run.checks.filter { audience.showsVerdict(of: $0) && !run.neverRan($0) }
        try xml.attribute("tests", String(run.checkCount + (buildFailed ? 1 : 0)))
        try xml.attribute("failures", String(counted.filter(\.status.isJUnitFailure).count))
        try xml.attribute("errors", String(counted.filter { $0.status == .error }.count + (buildFailed ? 1 : 0)))
        try xml.attribute("time", ReportNumber.seconds(run.duration))

        if buildFailed { try writeBuildSuite(run, to: xml, budget: &outputBudget) }

        for component in run.components {
            let classname = Self.classname(assignment: run.assignment.id, component: component.name)
            try xml.startElement("testsuite")
            try xml.attribute("name", classname)
            let shown = component.counted(for: audience)
            let ran = shown.checks.filter { !run.neverRan($0) }
            try xml.attribute("tests", String(component.checks.count))
            try xml.attribute("failures", String(ran.filter(\.status.isJUnitFailure).count))
            try xml.attribute("errors", String(ran.filter { $0.status == .error }.count))
            try xml.attribute("skipped", String(component.checks.count - ran.count))
            try xml.attribute("time", ReportNumber.seconds(shown.checks.reduce(0) { $0 + $1.duration }))
            try xml.startElement("properties")
            // Named after the component: xunitparser reads every suite's properties into one
            // table and refuses a name twice.
            try property("\(component.name).title", component.title, to: xml)
            // Only the points of cases whose verdict the reader may know: a score beside all the
            // points would tell a withheld case's verdict.
            try property("\(component.name).points", ReportNumber.points(shown.points), to: xml)
            try property("\(component.name).score", ReportNumber.points(shown.score), to: xml)
            if shown.points < component.maxScore {
                try property("\(component.name).withheld-points", ReportNumber.points(component.maxScore - shown.points), to: xml)
            }
            if component.name == run.components.first?.name {
                if let isolation = run.isolation { try property("isolation", isolation.summary, to: xml) }
                // The inputs' seed, so that a regrade gets the same inputs (`--seed`).
                try property("seed", String(run.seed), to: xml)
            }
            try xml.endElement()
            for check in component.checks {
                try writeCase(check, named: component.name(of: check, for: audience), classname: classname, audience: audience,
                              neverRan: run.neverRan(check), to: xml, budget: &outputBudget)
            }
            try xml.endElement()
        }
        try xml.endElement()
        return try xml.finish()
    }

    private func writeCase(_ check: CheckResult, named name: String, classname: String, audience: ReportAudience,
                           neverRan: Bool, to xml: XMLStreamWriter, budget: inout Int) throws {
        try xml.startElement("testcase")
        try xml.attribute("classname", classname)
        try xml.attribute("name", name)
        // A withheld verdict takes no time either: how long a case ran can tell how it ended.
        try xml.attribute("time", ReportNumber.seconds(audience.showsVerdict(of: check) ? check.duration : 0))
        if !audience.showsVerdict(of: check) || neverRan {
            try xml.startElement("skipped")
            try xml.attribute("message", neverRan ? Self.neverRanMessage : audience.withheldNotice(for: check.visibility))
            try xml.endElement()
        } else if check.status != .passed {
            try xml.startElement(check.status.isJUnitFailure ? "failure" : "error")
            try xml.attribute("type", check.problemName ?? check.status.rawValue)
            try xml.attribute("message", Self.inert(CheckDetail.shortMessage(check, audience: audience)))
            try xml.text(Self.inert(detailText(check, audience: audience)))
            try xml.endElement()
        }
        if audience.showsDetails(of: check), !check.output.text.isEmpty || check.output.truncated {
            try xml.element("system-out", text: excerpt(check.output, budget: &budget))
        }
        try xml.endElement()
    }

    /// The failure text, bounded: the detail, which starts with the `message` (EnricoMi's and
    /// other reporters show the message and the text together, once when one starts the other),
    /// then the title and points.
    private func detailText(_ check: CheckResult, audience: ReportAudience) -> String {
        let message = CheckDetail.shortMessage(check, audience: audience)
        let detail = CheckDetail(check, audience: audience).plainText
        let opening = message.hasSuffix("…") ? String(message.dropLast()) : message
        var text = detail.hasPrefix(opening) ? detail : message + (detail.isEmpty ? "" : "\n" + detail)
        text += "\n\n" + (audience.showsDetails(of: check) ? "\(check.title): " : "")
        text += "\(ReportNumber.points(check.score))/\(ReportNumber.points(check.points)) points"
        if let problem = check.problemName { text += " (\(problem))" }
        return OutputExcerpt(text: text, byteLimit: limits.detailBytesPerCase).text
    }

    private func excerpt(_ output: CapturedOutput, budget: inout Int) -> String {
        let limit = min(limits.outputBytesPerCase, budget)
        let excerpt = OutputExcerpt(output, byteLimit: limit)
        budget -= min(budget, excerpt.text.utf8.count)
        return Self.inert(excerpt.text)
    }

    /// `text` without GitLab's attachment directive: `[[ATTACHMENT|path]]` in a test's output
    /// makes GitLab link the file at `path` of the job's artifacts to the test, so printed by
    /// student code it would attach a file the student chose to the report. It is
    /// written `[ [ATTACHMENT|path]]`, which reads the same and does nothing.
    static func inert(_ text: String) -> String {
        guard text.contains("[[") else { return text }
        var out = ""
        var rest = Substring(text)
        while let range = rest.range(of: "[[") {
            out += rest[..<range.lowerBound]
            let after = rest[range.upperBound...].drop { $0 == " " || $0 == "\t" }
            out += after.prefix(11).lowercased() == "attachment|" ? "[ [" : "[["
            rest = rest[range.upperBound...]
        }
        return out + rest
    }

    private func writeBuildSuite(_ run: GradeRun, to xml: XMLStreamWriter, budget: inout Int) throws {
        let classname = Self.classname(assignment: run.assignment.id, component: "build")
        try xml.startElement("testsuite")
        try xml.attribute("name", classname)
        try xml.attribute("tests", "1")
        try xml.attribute("failures", "0")
        try xml.attribute("errors", "1")
        try xml.attribute("time", ReportNumber.seconds(run.build.duration))
        try xml.startElement("testcase")
        try xml.attribute("classname", classname)
        // Not `build`: mikepenz/action-junit-report looks for a file named like the test case
        // and attached the failure to a build.* file of the checkout.
        try xml.attribute("name", "the submission compiles")
        try xml.attribute("time", ReportNumber.seconds(run.build.duration))
        try xml.startElement("error")
        try xml.attribute("type", Problem.buildFailure.rawValue)
        let errors = run.build.diagnostics.filter { $0.isError }
        let message = errors.first?.formatted ?? "The submission did not compile."
        try xml.attribute("message", message)
        var text = message + "\nThe submission did not compile, so no check could run.\n"
        text += run.build.diagnostics.isEmpty ? run.build.log : run.build.diagnostics.map(\.formatted).joined(separator: "\n")
        try xml.text(OutputExcerpt(text: text, byteLimit: limits.detailBytesPerCase).text)
        try xml.endElement()
        if !run.build.log.isEmpty {
            try xml.element("system-out", text: excerpt(CapturedOutput(text: run.build.log), budget: &budget))
        }
        try xml.endElement()
        try xml.endElement()
    }

    private func property(_ name: String, _ value: String, to xml: XMLStreamWriter) throws {
        try xml.startElement("property")
        try xml.attribute("name", name)
        try xml.attribute("value", value)
        try xml.endElement()
    }
}
