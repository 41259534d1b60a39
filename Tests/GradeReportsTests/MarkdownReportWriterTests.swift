import FoundationEssentials
import GradeReports
import GradeResults
import Testing

@Suite struct MarkdownReportWriterTests {
    let markdown = MarkdownReportWriter().write(RunFixture.mixed())

    @Test func hasAScoreLineAndAComponentTable() {
        #expect(markdown.contains("**Score: 2/14 points**"), "\(markdown)")
        #expect(markdown.contains("| Component | Checks passed | Points |"))
        #expect(markdown.contains("| Multiclass SVM loss (`multiclass-svm`) | 1/3 | 1/5 |"))
        #expect(markdown.contains("| Softmax loss (`softmax`) | not implemented | 0/4 |"))
    }

    @Test func listsFailingChecksWithTheirReasons() {
        #expect(markdown.contains("- **SVM loss of a random batch** (`svm-random-loss`) — failed: wrong-value, 0/2: The loss is about twice the expected value\\."))
        #expect(!markdown.contains("svm-hidden-batch"))
        #expect(markdown.contains("Not counted above: 2 hidden checks (4 points), whose verdicts are not shown\\."), "\(markdown)")
        #expect(markdown.contains("error: crash"))
    }

    @Test func buildFailureShowsDiagnostics() {
        let text = MarkdownReportWriter().write(RunFixture.buildFailure())
        #expect(text.contains("**The submission did not compile**"))
        #expect(text.contains(RunFixture.buildError.formatted))
    }

    @Test func tableCellsEscapePipes() {
        var run = RunFixture.mixed()
        run.components[0].title = "a | b"
        #expect(MarkdownReportWriter().write(run).contains("| a \\| b (`multiclass-svm`)"))
    }

    /// Text from student code is shown literally by CommonMark and GFM renderers: the
    /// escapes below are what cmark-gfm and markdown-it render as the characters themselves
    /// (`scripts/check-reports` renders a real report with both).
    @Test func textFromStudentCodeCannotFormat() {
        var run = RunFixture.mixed()
        let index = run.components[0].checks.firstIndex { $0.name == "svm-random-loss" }!
        run.components[0].checks[index].reason = "Fatal error: **bold** `code` [x](https://e.example) &amp; <b>hi</b> www.e.example"
        let text = MarkdownReportWriter().write(run)
        #expect(text.contains(#"Fatal error\: \*\*bold\*\* \`code\` \[x\]\(https\:\/\/e\.example\) \&amp\; \<b\>hi\<\/b\> www\.e\.example"#))
        #expect(!text.contains("**bold**") && !text.contains("https://") && !text.contains("<b>"))
    }

    @Test func appendsToTheGitHubStepSummary() throws {
        let folder = URL(fileURLWithPath: "/tmp").appendingPathComponent("grade-summary-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("summary.md")
        let environment = ["GITHUB_STEP_SUMMARY": file.path]
        #expect(try MarkdownReportWriter.appendToGitHubStepSummary("first\n", environment: environment) == file)
        try MarkdownReportWriter.appendToGitHubStepSummary("second\n", environment: environment)
        #expect(String(decoding: try Data(contentsOf: file), as: UTF8.self) == "first\nsecond\n")
        #expect(try MarkdownReportWriter.appendToGitHubStepSummary("x", environment: [:]) == nil)
    }

    @Test func aBuildFailureIsStatedOnceNotOnceACase() {
        let checks = (1...5).map { k in
            CheckResult(name: "c\(k)", component: "multiclass-svm", kind: "reference", title: "C\(k)", points: 1, status: .error,
                        problem: .buildFailure, reason: "the submission did not compile: SVM.swift:3:1: error: boom")
        }
        let build = BuildOutcome(succeeded: false, diagnostics: [Diagnostic(severity: .error, file: "SVM.swift", line: 3, column: 1, message: "boom")])
        let run = GradeRun(assignment: AssignmentSummary(id: "a", title: "A"), submission: "s", seed: 0, build: build,
                           components: [ComponentResult(name: "multiclass-svm", title: "SVM", checks: checks)], duration: 0)
        let markdown = MarkdownReportWriter().write(run)
        #expect(markdown.contains("**The submission did not compile**"))
        #expect(markdown.components(separatedBy: "boom").count == 2, "\(markdown)")
        #expect(!markdown.contains("Checks that did not pass"))
    }

    @Test func oneCrashIsToldOnceWithTheOthersPointingToIt() {
        let checks = (1...3).map { k in
            CheckResult(name: "c\(k)", component: "multiclass-svm", kind: "reference", title: "C\(k)", points: 1, status: .error,
                        problem: .crash, reason: "crashed with SIGILL: Fatal error: boom\nin your code at SVM.swift:14: let m = s[i, j]")
        }
        let run = GradeRun(assignment: AssignmentSummary(id: "a", title: "A"), submission: "s", seed: 0, build: BuildOutcome(succeeded: true),
                           components: [ComponentResult(name: "multiclass-svm", title: "SVM", checks: checks)], duration: 0)
        let markdown = MarkdownReportWriter().write(run)
        #expect(markdown.components(separatedBy: "boom").count == 2, "\(markdown)")
        #expect(markdown.components(separatedBy: "crashed at the same line as case c1 above").count == 3, "\(markdown)")
    }
}
