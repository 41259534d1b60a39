import FoundationEssentials
import GradeResults

/// Writes a grading run as Gradescope's `results.json`.
///
/// The top level carries `score`, `execution_time`, an `output` summary (the compiler's
/// diagnostics when the build failed), `output_format`, `stdout_visibility` (`hidden`) and
/// `tests`; each test carries `name`, `number` (`component.case`, 1-based, such as `3.2`),
/// `score`, `max_score`, `status` (`passed` or `failed`), `output` (the same detail as the JUnit
/// report), `visibility` (the case's own) and `tags` (component and problem). A build failure
/// still gives a valid file, with score 0. Keys are sorted, so the same run gives the same bytes.
///
/// Gradescope itself hides `hidden` tests from students and shows `after_due_date` ones after
/// the due date; the writer also withholds their details unless `audience` says otherwise,
/// so pass `.staff` to let Gradescope alone decide what students see, and staff read why a
/// hidden test failed. The top-level output, which every student reads at once, is always
/// written for students (``ReportAudience/students``): it never counts a hidden test.
public struct GradescopeReportWriter: Sendable {
    /// The format of the top-level `output`.
    public enum OutputFormat: String, Sendable, Hashable {
        /// Plain text.
        case text
        /// Markdown: the summary is the Markdown report.
        case markdown = "md"
    }

    /// Who may read the details of each test.
    public var audience: ReportAudience
    /// The format of the top-level `output`.
    public var outputFormat: OutputFormat
    /// The most bytes of detail and output in one test's `output`.
    public var outputBytesPerTest: Int

    /// Creates a writer.
    public init(audience: ReportAudience = .student, outputFormat: OutputFormat = .text,
                outputBytesPerTest: Int = 16 * 1024) {
        self.audience = audience
        self.outputFormat = outputFormat
        self.outputBytesPerTest = outputBytesPerTest
    }

    /// The `results.json` document, UTF-8 encoded, pretty-printed with sorted keys.
    public func write(_ run: GradeRun) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(results(run))
    }

    /// The document as a value, before encoding.
    func results(_ run: GradeRun) -> Results {
        let audience = self.audience.reading(run)
        var tests: [Test] = []
        if !run.build.succeeded {
            let diagnostics = run.build.diagnostics.isEmpty
                ? OutputExcerpt(text: run.build.log, byteLimit: outputBytesPerTest).text
                : run.build.diagnostics.map(\.formatted).joined(separator: "\n")
            tests.append(Test(name: "Build", number: "0", score: 0, max_score: 0, status: "failed",
                              output: TextSanitizer.sanitize("The submission did not compile.\n" + diagnostics),
                              visibility: Visibility.visible.rawValue, tags: ["build", Problem.buildFailure.rawValue]))
        }
        for (componentIndex, component) in run.components.enumerated() {
            for (caseIndex, check) in component.checks.enumerated() {
                tests.append(test(check, component: component, number: "\(componentIndex + 1).\(caseIndex + 1)",
                                  buildFailed: !run.build.succeeded, audience: audience))
            }
        }
        let buildFailed = !run.build.succeeded
        let summary: String
        switch outputFormat {
        case .text: summary = textSummary(run, audience: audience.students)
        case .markdown: summary = MarkdownReportWriter(audience: audience.students).write(run)
        }
        return Results(score: buildFailed ? 0 : run.score,
                       execution_time: Int(max(0, run.duration.isFinite ? run.duration : 0).rounded(.up)),
                       output: summary, output_format: outputFormat.rawValue,
                       stdout_visibility: "hidden", tests: tests)
    }

    private func test(_ check: CheckResult, component: ComponentResult, number: String, buildFailed: Bool, audience: ReportAudience) -> Test {
        let detail = CheckDetail(check, audience: audience)
        var parts: [String] = []
        if check.status != .passed, let problem = check.problemName {
            parts.append("\(check.status == .error ? "Error" : "Failed"): \(problem)")
        }
        if detail.isShown || check.status != .passed {
            let text = detail.plainText
            if !text.isEmpty { parts.append(text) }
        }
        // Output of a wrong answer too: what the code printed is often the clue.
        if detail.isShown, check.status != .passed, !check.output.text.isEmpty || check.output.truncated {
            parts.append("Output:\n" + OutputExcerpt(check.output, byteLimit: outputBytesPerTest / 2).text)
        }
        let output = OutputExcerpt(text: parts.joined(separator: "\n"), byteLimit: outputBytesPerTest).text
        return Test(name: TextSanitizer.sanitize(detail.isShown ? "\(check.title) [\(check.name)]" : component.name(of: check, for: audience)),
                    number: number, score: buildFailed ? 0 : check.score, max_score: check.points,
                    status: check.status == .passed && !buildFailed ? "passed" : "failed", output: output,
                    visibility: check.visibility.rawValue,
                    tags: [component.name] + (check.problemName.map { [$0] } ?? []))
    }

    private func textSummary(_ run: GradeRun, audience: ReportAudience) -> String {
        var lines: [String] = []
        if !run.build.succeeded {
            lines.append("The submission did not compile, so no check could run.")
            if run.build.diagnostics.isEmpty {
                lines.append(OutputExcerpt(text: run.build.log, byteLimit: outputBytesPerTest).text)
            } else {
                lines += run.build.diagnostics.map(\.formatted)
            }
            lines.append("")
        }
        let total = run.counted(for: audience)
        let score = run.build.succeeded ? total.score : 0
        if let isolation = run.isolation { lines.append("Isolation: \(isolation.summary)") }
        if run.seed != 0 { lines.append("Inputs: seed \(run.seed) (--seed \(run.seed) grades on the same inputs)") }
        lines.append("Score: \(ReportNumber.points(score))/\(ReportNumber.points(total.points)) points")
        let counted = run.components.flatMap { $0.counted(for: audience).checks }
        let tally = { (status: CheckStatus) in counted.filter { $0.status == status }.count }
        lines.append("\(tally(.passed)) passed, \(tally(.failed)) failed, \(tally(.error)) errors, "
                     + "\(tally(.notImplemented)) not implemented")
        for component in run.components {
            let status = component.isNotImplemented ? " (not implemented)" : ""
            let shown = component.counted(for: audience)
            guard !shown.checks.isEmpty else { continue }
            lines.append("- \(component.title): \(ReportNumber.points(shown.score))/\(ReportNumber.points(shown.points))\(status)")
        }
        let withheld = run.withheld(from: audience)
        if withheld.count > 0 {
            lines.append("Not counted above: \(withheld.count) hidden test\(withheld.count == 1 ? "" : "s") "
                         + "(\(ReportNumber.points(withheld.points)) points), whose results are not shown")
        }
        return TextSanitizer.sanitize(lines.joined(separator: "\n"))
    }

    /// Gradescope's `results.json`, field names as Gradescope spells them.
    struct Results: Encodable {
        var score: Double
        var execution_time: Int
        var output: String
        var output_format: String
        var stdout_visibility: String
        var tests: [Test]
    }

    /// One entry of `tests`.
    struct Test: Encodable {
        var name: String
        var number: String
        var score: Double
        var max_score: Double
        var status: String
        var output: String
        var visibility: String
        var tags: [String]
    }
}
