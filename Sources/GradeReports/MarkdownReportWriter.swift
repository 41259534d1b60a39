import FoundationEssentials
import GradeResults

/// Writes a short Markdown summary of a grading run, for `--markdown PATH` and GitHub's job summary.
///
/// It holds a score line, a table of components (passed checks out of all, points) and a list of
/// the checks that did not pass, each with its reason. Both count only the checks the audience may
/// see in full; the others are counted in one line, so that neither a score nor a name tells a
/// hidden case's verdict. Student output is never included.
public struct MarkdownReportWriter: Sendable {
    /// Who reads the summary.
    public var audience: ReportAudience
    /// The most failing checks listed; the rest are counted.
    public var maxListedFailures: Int

    /// Creates a writer.
    public init(audience: ReportAudience = .student, maxListedFailures: Int = 50) {
        self.audience = audience
        self.maxListedFailures = maxListedFailures
    }

    /// The summary, ending with a newline.
    public func write(_ run: GradeRun) -> String {
        let audience = self.audience.reading(run)
        var out: [String] = []
        out.append("## \(Self.literal(run.assignment.title)) (`\(code(run.assignment.id))`)")
        out.append("")
        let icon = run.allPassed(for: audience) ? "✅" : "❌"
        let total = run.counted(for: audience)
        let counts = run.build.succeeded
            ? "\(run.count(.passed, for: audience)) passed, \(run.count(.failed, for: audience)) failed,"
                + " \(run.count(.error, for: audience)) errors, \(run.count(.notImplemented, for: audience)) not implemented"
            : "build failed, \(run.count(.error, for: audience)) cases not run"
        out.append("\(icon) **Score: \(ReportNumber.points(total.score))/\(ReportNumber.points(total.points)) points** — " + counts)
        if let isolation = run.isolation { out.append(""); out.append("Isolation: \(Self.literal(isolation.summary))") }
        if !run.build.compiledAsWritten {
            out.append("")
            out.append(run.build.succeeded
                ? "**\(run.build.replacedFiles.map(Self.literal).joined(separator: ", ")) did not compile**: graded as the starter's version, so the components written there score 0."
                : "**The submission did not compile**, so no check could run.")
            if !run.build.diagnostics.isEmpty {
                out.append("")
                out.append("```")
                out += run.build.diagnostics.prefix(maxListedFailures).map { TextSanitizer.sanitize($0.formatted).replacing("```", with: "'''") }
                out.append("```")
            }
        }
        if !run.components.isEmpty {
            out.append("")
            out.append("| Component | Checks passed | Points |")
            out.append("| --- | ---: | ---: |")
            for component in run.components {
                let shown = component.counted(for: audience)
                guard !shown.checks.isEmpty else { continue }
                let passed = component.isNotImplemented ? "not implemented"
                    : "\(shown.checks.filter { $0.status == .passed }.count)/\(shown.checks.count)"
                out.append("| \(Self.literal(component.title)) (`\(code(component.name))`) | \(passed) | "
                           + "\(ReportNumber.points(shown.score))/\(ReportNumber.points(shown.points)) |")
            }
            let withheld = run.withheld(from: audience)
            if withheld.count > 0 {
                out.append("")
                out.append("Not counted above: \(withheld.count) hidden check\(withheld.count == 1 ? "" : "s") "
                           + "(\(ReportNumber.points(withheld.points)) points), whose verdicts are not shown\\.")
            }
        }
        // Listed by name, so only the checks the audience may see in full.
        let failing = run.components.filter { !$0.isNotImplemented }.flatMap(\.checks)
            .filter { $0.status != .passed && audience.showsDetails(of: $0) }
        // A build failure is every check's one cause, stated once above: no bullet a case repeats it.
        if !failing.isEmpty && run.build.succeeded {
            out.append("")
            out.append("### Checks that did not pass")
            out.append("")
            // A crash or error that ends several cases is told once; the others point to it.
            let causes = run.components.reduce(into: [String: SharedCause]()) { causes, component in
                causes.merge(SharedCause.find(in: component.checks, audience: audience)) { first, _ in first }
            }
            for check in failing.prefix(maxListedFailures) { out.append(item(check, cause: causes[check.name])) }
            if failing.count > maxListedFailures { out.append("- … and \(failing.count - maxListedFailures) more") }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// Appends the summary to the file named by `GITHUB_STEP_SUMMARY`, when that is set.
    ///
    /// - Returns: The file appended to, or `nil` when the variable is unset or empty.
    @discardableResult
    public static func appendToGitHubStepSummary(_ markdown: String,
                                                 environment: [String: String] = ProcessInfo.processInfo.environment) throws -> URL? {
        guard let path = environment["GITHUB_STEP_SUMMARY"], !path.isEmpty else { return nil }
        let url = URL(fileURLWithPath: path)
        try ReportFile.append(Data(markdown.utf8), to: url)
        return url
    }

    private func item(_ check: CheckResult, cause: SharedCause?) -> String {
        let verdict = check.status == .notImplemented ? "not implemented"
            : "\(check.status == .error ? "error" : "failed"): \(check.problemName ?? check.status.rawValue)"
        let points = "\(ReportNumber.points(check.score))/\(ReportNumber.points(check.points))"
        var line = "- **\(Self.literal(check.title))** (`\(code(check.name))`) — \(verdict), \(points)"
        if let cause, cause.kind != .mistake, cause.first != check.name {
            line += ": " + Self.literal(cause.laterSentence)
        } else if let reason = check.reason, !reason.isEmpty {
            line += ": " + Self.literal(reason)
        }
        return line
    }

    /// Text on one line, sanitized, shown literally (in a table cell too): every ASCII punctuation character is
    /// backslash-escaped, which CommonMark allows for all of them, so that no text (a student's
    /// `fatalError` message among them) can make emphasis, code, a link, an autolink, raw HTML or
    /// an entity: `&amp;` reads `&amp;`, `https://…` is not a link.
    static func literal(_ text: String) -> String {
        var out = ""
        for character in TextSanitizer.sanitize(text).split(whereSeparator: \.isNewline).joined(separator: " ") {
            if character.isASCII, character.isPunctuation || character.isSymbol { out.append("\\") }
            out.append(character)
        }
        return out
    }

    /// Text safe inside an inline code span, where escapes do not work: on one line, a backtick
    /// made a quote so that the span cannot end early.
    private func code(_ text: String) -> String {
        TextSanitizer.sanitize(text).split(whereSeparator: \.isNewline).joined(separator: " ").replacing("`", with: "'")
    }
}
