import GradeResults

/// Writes the report a student reads on the terminal.
///
/// Checks are grouped by component, each with its points; a failure or error shows what was
/// compared (expected against got, the relative error and the tolerance), why it failed, the
/// misconception the pattern points to, the hint, and for errors the end of the output. A
/// component that is not implemented at all is one line, and a build failure is shown first
/// with the compiler's diagnostics. The last line is the score and the counts.
///
/// With colour off the text holds no escape sequence at all; student output is always
/// sanitized, so it cannot move the cursor or recolour the terminal either way.
public struct ConsoleReportWriter: Sendable {
    /// What the report shows and how.
    public struct Options: Sendable, Hashable {
        /// Colour and bold with ANSI escapes. The caller decides, from whether standard output is
        /// a terminal, `--color` and `NO_COLOR`.
        public var useColor: Bool
        /// Show the comparisons of passing checks too, and the output of failures.
        public var verbose: Bool
        /// Show what student code printed for every case it ran, passing ones included.
        public var showOutput: Bool
        /// Who reads the report: students see only the name, points and verdict of hidden cases
        /// (and of after-due-date cases before the due date).
        public var audience: ReportAudience
        /// The most lines of output shown for a check.
        public var outputLines: Int
        /// The column the points are aligned to.
        public var width: Int

        /// Creates options.
        public init(useColor: Bool = false, verbose: Bool = false, showOutput: Bool = false, audience: ReportAudience = .student,
                    outputLines: Int = 12, width: Int = 78) {
            self.useColor = useColor
            self.verbose = verbose
            self.showOutput = showOutput
            self.audience = audience
            self.outputLines = outputLines
            self.width = width
        }
    }

    /// What the report shows and how.
    public var options: Options

    /// Creates a writer.
    public init(options: Options = Options()) {
        self.options = options
    }

    /// The report, ending with a newline.
    public func write(_ run: GradeRun) -> String {
        var options = self.options
        options.audience = options.audience.reading(run)
        return ConsoleReportWriter(options: options).render(run)
    }

    private func render(_ run: GradeRun) -> String {
        let style = ConsoleStyle(enabled: options.useColor)
        var out: [String] = []
        let heading = "\(run.assignment.title) (\(run.assignment.id))"
        out.append(style.bold(clean(heading)) + style.dim("  seed \(run.seed)"))
        if let isolation = run.isolation { out.append(style.dim(clean("isolation: " + isolation.summary))) }

        if !run.build.succeeded {
            out.append("")
            out += buildFailure(run.build, style: style)
        } else if !run.build.replacedFiles.isEmpty {
            out.append("")
            let files = run.build.replacedFiles.map(clean).joined(separator: ", ")
            out.append(style.boldRed("✗ \(files) \(run.build.replacedFiles.count == 1 ? "does" : "do") not compile: graded as the starter's version, so the components written there score 0; the rest of the submission was graded."))
            for diagnostic in run.build.diagnostics where diagnostic.isError {
                out.append(style.red("  " + clean(diagnostic.formatted)))
            }
        }

        if run.build.succeeded && run.components.count > 1 {
            out.append("")
            out.append(style.bold("Summary"))
            out += run.components.map { summaryLine($0, style: style) }
        }

        for component in run.components {
            out.append("")
            let points = Self.points(of: component, for: options.audience)
            out.append(aligned(style.bold(clean("\(component.title) (\(component.name))")), points, style: style))
            if !run.build.succeeded && component.checks.allSatisfy({ $0.status != .passed }) {
                out.append("  " + style.red("not graded: the submission did not compile"))
            } else if component.isNotImplemented {
                out.append("  " + style.yellow("not implemented"))
            } else {
                let groups = SharedCause.find(in: component.checks, audience: options.audience)
                for check in component.checks {
                    out += lines(for: check, named: component.name(of: check, for: options.audience), style: style, cause: groups[check.name],
                                 repro: Self.reproCommand(for: check, in: run))
                }
            }
        }

        out.append("")
        out.append(totals(run, style: style))
        return out.joined(separator: "\n") + "\n"
    }

    private func buildFailure(_ build: BuildOutcome, style: ConsoleStyle) -> [String] {
        var out = [style.boldRed("✗ BUILD FAILED: the submission did not compile, so no check could run.")]
        if build.diagnostics.isEmpty {
            let log = OutputExcerpt(CapturedOutput(text: build.log), lastLines: 20)
            out += log.text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
        } else {
            for diagnostic in build.diagnostics {
                let line = "  " + clean(diagnostic.formatted)
                out.append(diagnostic.isError ? style.red(line) : line)
            }
        }
        return out
    }

    /// One line of the summary: the component, its points, and what most needs doing — the
    /// first failure the audience may see, by its kind and its diagnosis (the crash site, the
    /// misconception's first sentence, the reason's first line), or that it is not implemented.
    private func summaryLine(_ component: ComponentResult, style: ConsoleStyle) -> String {
        let counted = component.counted(for: options.audience)
        let points = "\(ReportNumber.points(counted.score))/\(ReportNumber.points(counted.points))"
        let name = clean(component.name).padding(toLength: max(24, component.name.count + 1), withPad: " ", startingAt: 0)
        if component.isNotImplemented { return "  " + style.yellow("·") + " \(name)" + points.padding(toLength: 8, withPad: " ", startingAt: 0) + style.yellow("not implemented") }
        if counted.checks.isEmpty && !component.checks.isEmpty {
            return "  " + style.dim("·") + " \(name)" + style.dim("\(ReportNumber.points(component.maxScore)) points in hidden cases")
        }
        let failing = counted.checks.filter { $0.status != .passed }
        guard let first = failing.first(where: { options.audience.showsDetails(of: $0) }) ?? failing.first else {
            return "  " + style.green("✓") + " \(name)" + points
        }
        var diagnosis = first.problemName ?? first.status.rawValue
        if options.audience.showsDetails(of: first) {
            let reason = first.reason ?? ""
            if let site = first.crashSite {
                // `File.swift:LINE`, without the source line after it.
                diagnosis += ": " + site.split(separator: ":", maxSplits: 2).prefix(2).joined(separator: ":")
            } else if let misconception = first.misconception, !misconception.isEmpty {
                diagnosis += ": " + (misconception.split(separator: ".").first.map(String.init) ?? misconception)
            } else if let line = reason.split(separator: "\n").first {
                diagnosis += ": " + line
            }
        }
        let more = failing.count > 1 ? " (\(failing.count) cases)" : ""
        let text = clean(diagnosis + more)
        return "  " + style.red("✗") + " \(name)" + points.padding(toLength: 8, withPad: " ", startingAt: 0)
            + (text.count > 90 ? String(text.prefix(89)) + "…" : text)
    }

    /// The command that writes `check` as a package running the student's code on its inputs,
    /// when the grader found it can.
    static func reproCommand(for check: CheckResult, in run: GradeRun) -> String? {
        guard check.reproducible == true else { return nil }
        let submission = run.submission.contains(" ") ? "'\(run.submission)'" : run.submission
        return "swift run grade repro \(run.assignment.id) \(check.name) --submission \(submission)"
    }

    private func lines(for check: CheckResult, named name: String, style: ConsoleStyle, cause: SharedCause? = nil,
                       repro: String? = nil) -> [String] {
        let shown = options.audience.showsDetails(of: check)
        let indent = "      "
        guard options.audience.showsVerdict(of: check) else {
            // Neither a mark nor a score: whether it passed is withheld too.
            return [aligned("  \(style.dim("·")) \(clean(name))", "\(ReportNumber.points(check.points)) point\(check.points == 1 ? "" : "s")", style: style),
                    indent + style.dim(options.audience.withheldNotice(for: check.visibility))]
        }
        let points = "\(ReportNumber.points(check.score))/\(ReportNumber.points(check.points))"
        let mark = check.status == .passed ? style.green("✓") : style.red("✗")
        let label = shown ? clean(check.title) : clean(name)
        var out = [aligned("  \(mark) \(label)", points, style: style)]

        var verdict: [String] = []
        if shown { verdict.append("case \(clean(check.name))") }
        switch check.status {
        case .passed: break
        case .notImplemented: verdict.append(style.yellow("not implemented"))
        case .failed, .error:
            let word = check.status == .error ? "error" : "failed"
            verdict.append(style.red(check.problemName.map { "\(word): \($0)" } ?? word))
        }
        if check.status != .passed { out.append(indent + verdict.joined(separator: style.dim(" · "))) }
        guard check.status != .notImplemented else { return out }

        guard shown else {
            if check.status != .passed { out.append(indent + style.dim(options.audience.withheldNotice(for: check.visibility))) }
            return out
        }
        let detail = CheckDetail(check, audience: options.audience, allComparisons: options.verbose)
        if let cause, cause.first != check.name {
            out.append(indent + style.dim(clean(cause.laterSentence)))
            // A wrong value keeps its own numbers, one line each; the shared diagnosis is above.
            guard cause.kind == .mistake else { return out }
            for comparison in detail.comparisons { out.append(indent + clean(CheckDetail.lines(of: comparison)[0])) }
            if let inputs = detail.inputs, !inputs.isEmpty {
                out.append(indent + style.dim(CheckDetail.inputsLabel))
                out += inputs.split(separator: "\n").map { indent + "  " + clean(String($0)) }
            }
            return out
        }
        if let reason = detail.reason, !reason.isEmpty { out += block(reason, indent: indent) }
        if let cause, cause.kind != .mistake { out.append(indent + clean(cause.othersSentence)) }
        for comparison in detail.comparisons {
            let text = CheckDetail.lines(of: comparison).map(clean)
            out.append(indent + text[0])
            out += text.dropFirst().map { indent + style.dim($0) }
        }
        if let misconception = detail.misconception, !misconception.isEmpty {
            out += block(misconception, indent: indent, label: style.yellow(CheckDetail.misconceptionLabel))
        }
        if let cause, cause.kind == .mistake { out.append(indent + clean(cause.othersSentence)) }
        if let idea = detail.idea, !idea.isEmpty { out += block(idea, indent: indent, label: style.dim(CheckDetail.ideaLabel)) }
        if let note = detail.note, !note.isEmpty { out += block(note, indent: indent, label: style.cyan(CheckDetail.noteLabel)) }
        if let hint = detail.hint, !hint.isEmpty { out += block(hint, indent: indent, label: style.cyan("Hint:")) }
        if let inputs = detail.inputs, !inputs.isEmpty {
            out.append(indent + style.dim(CheckDetail.inputsLabel))
            out += inputs.split(separator: "\n").map { indent + "  " + clean(String($0)) }
        }
        if shown, check.status != .passed, let repro {
            out.append(indent + style.dim("To run your code on these inputs and debug it: ") + clean(repro))
        }

        let wantsOutput = options.showOutput || check.status == .error || (options.verbose && check.status == .failed)
        // The runtime's message is in the reason already.
        let output = check.output.removingLines { line in
            guard let range = line.range(of: "Fatal error:") else { return false }
            return check.reason?.contains(line[range.lowerBound...]) == true
        }
        if wantsOutput, !output.text.isEmpty || output.truncated {
            let excerpt = OutputExcerpt(output, lastLines: options.outputLines)
            out.append(indent + style.dim(excerpt.truncated ? "Output (last lines):" : "Output:"))
            out += excerpt.text.split(separator: "\n", omittingEmptySubsequences: false).map { indent + style.dim("│ ") + $0 }
        }
        return out
    }

    private func totals(_ run: GradeRun, style: ConsoleStyle) -> String {
        let audience = options.audience
        let total = run.counted(for: audience)
        let score = "Score: \(ReportNumber.points(total.score))/\(ReportNumber.points(total.points)) points"
        var counts = [
            "\(run.count(.passed, for: audience)) passed",
            "\(run.count(.failed, for: audience)) failed",
            plural(run.count(.error, for: audience), "error"),
            "\(run.count(.notImplemented, for: audience)) not implemented",
        ]
        // Nothing ran: the cases are one count, not one error each.
        if !run.build.succeeded { counts = ["build failed", plural(run.count(.error, for: audience), "case") + " not run"] }
        let withheld = run.withheld(from: audience)
        if withheld.count > 0 {
            counts.append("\(plural(withheld.count, "hidden case")) (\(ReportNumber.points(withheld.points)) point\(withheld.points == 1 ? "" : "s")) not shown")
        }
        let colouredScore = run.allPassed(for: audience) ? style.boldGreen(score) : style.bold(score)
        return colouredScore + " · " + counts.joined(separator: ", ")
    }

    /// A component's points as `audience` may know them: `3/6 points`, and `+ 2 hidden` for
    /// the points of cases whose verdict it may not know.
    private static func points(of component: ComponentResult, for audience: ReportAudience) -> String {
        let counted = component.counted(for: audience)
        let withheld = component.maxScore - counted.points
        return "\(ReportNumber.points(counted.score))/\(ReportNumber.points(counted.points)) points"
            + (withheld > 0 ? " + \(ReportNumber.points(withheld)) hidden" : "")
    }

    private func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }

    /// `left`, padded with spaces so that `right` ends at `options.width`.
    private func aligned(_ left: String, _ right: String, style: ConsoleStyle) -> String {
        let visible = style.visibleCount(left) + right.count
        let gap = max(2, options.width - visible)
        return left + String(repeating: " ", count: gap) + right
    }

    /// Multi-line text, every line indented, the first after `label`.
    private func block(_ text: String, indent: String, label: String? = nil) -> [String] {
        let lines = TextSanitizer.sanitizeForTerminal(text).split(separator: "\n", omittingEmptySubsequences: true)
        return lines.enumerated().map { index, line in
            index == 0 && label != nil ? "\(indent)\(label!) \(line)" : "\(indent)\(line)"
        }
    }

    /// The text sanitized and on one line.
    private func clean(_ text: String) -> String {
        TextSanitizer.sanitizeForTerminal(text).replacingNewlines()
    }
}

/// ANSI styling that is a no-op when colour is off.
private struct ConsoleStyle {
    let enabled: Bool

    private func wrap(_ text: String, _ code: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    func bold(_ text: String) -> String { wrap(text, "1") }
    func dim(_ text: String) -> String { wrap(text, "2") }
    func red(_ text: String) -> String { wrap(text, "31") }
    func green(_ text: String) -> String { wrap(text, "32") }
    func yellow(_ text: String) -> String { wrap(text, "33") }
    func cyan(_ text: String) -> String { wrap(text, "36") }
    func boldRed(_ text: String) -> String { wrap(text, "1;31") }
    func boldGreen(_ text: String) -> String { wrap(text, "1;32") }

    /// The number of characters shown, not counting escape sequences.
    func visibleCount(_ text: String) -> Int {
        enabled ? TextSanitizer.sanitize(text).count : text.count
    }
}

private extension String {
    /// The text on one line, its line breaks replaced by spaces.
    func replacingNewlines() -> String {
        guard contains(where: \.isNewline) else { return self }
        return split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
