import GradeReports
import GradeResults
import Testing

@Suite struct ConsoleReportWriterTests {
    let report = ConsoleReportWriter().write(RunFixture.mixed())

    @Test func groupsChecksByComponentWithPoints() {
        #expect(report.contains("Multiclass SVM loss (multiclass-svm)"))
        #expect(report.contains("1/5 points + 3 hidden"))
        #expect(report.contains("✓ SVM loss of the cat image (lecture: 2.9)"))
        #expect(report.contains("✗ SVM loss of a random batch"))
    }

    @Test func failureShowsExpectedGotErrorToleranceReasonMisconceptionAndHint() {
        for piece in ["loss: expected 1.2345, got 2.469", "relative error 1.00e+00, tolerance rtol 1e-6, atol 1e-9",
                      "The loss is about twice the expected value.",
                      "This pattern usually means: Counting the correct class in the sum of margins.",
                      "Hint: Skip j == y_i when summing margins.", "failed: wrong-gradient", "case svm-random-loss"] {
            #expect(report.contains(piece), "missing: \(piece)")
        }
    }

    @Test func aNamedMistakeShowsItsLectureIdeaAndAnAcceptedConventionItsNote() {
        let failing = CheckResult(name: "svm-mean", component: "multiclass-svm", kind: "reference", title: "SVM mean",
                                  points: 1, status: .failed, problem: .wrongValue, reason: "The loss differs.",
                                  misconception: "Your loss is a sum over the N = 4 samples.",
                                  idea: "The data loss is the mean of the per-sample losses.")
        let accepted = CheckResult(name: "adam-efficient", component: "adam", kind: "reference", title: "Adam",
                                   points: 1, status: .passed, misconception: "Accepted: the efficient form of Adam.")
        let run = GradeRun(assignment: AssignmentSummary(id: "a", title: "A"), submission: "s", seed: 0,
                           build: BuildOutcome(succeeded: true),
                           components: [ComponentResult(name: "multiclass-svm", title: "SVM", checks: [failing]),
                                        ComponentResult(name: "adam", title: "Adam", checks: [accepted])], duration: 0)
        let text = ConsoleReportWriter().write(run)
        #expect(text.contains("The idea: The data loss is the mean of the per-sample losses."), "\(text)")
        #expect(text.contains("Note: Accepted: the efficient form of Adam."), "\(text)")
        let plain = CheckDetail(failing, audience: .student).plainText
        #expect(plain.hasSuffix("This pattern usually means: Your loss is a sum over the N = 4 samples.\nThe idea: The data loss is the mean of the per-sample losses."), "\(plain)")
        #expect(CheckDetail(accepted, audience: .student).plainText == "Note: Accepted: the efficient form of Adam.")
    }

    @Test func errorShowsAnExcerptOfTheOutput() {
        #expect(report.contains("error: crash"))
        #expect(report.contains("│ Fatal error: Index out of range"))
        #expect(report.contains("error: timeout"))
    }

    @Test func oneCrashIsShownOnceWithTheCasesItEnds() {
        func crash(_ name: String, shape: String) -> CheckResult {
            CheckResult(name: name, component: "multiclass-svm", kind: "reference", title: "Case \(name)", points: 1, status: .error,
                        problem: .crash, reason: "crashed with SIGILL: Fatal error: Index (0, 3) is out of range for a \(shape) matrix\nin your code at SVM.swift:14: let m = scores[i, j]",
                        output: CapturedOutput(text: "computing\nGradeKit/Matrix.swift:144: Fatal error: Index (0, 3) is out of range for a \(shape) matrix"))
        }
        let timeout = CheckResult(name: "t", component: "multiclass-svm", kind: "reference", title: "Case t", points: 1, status: .error,
                                  problem: .timeout, reason: "did not finish within 1 s")
        let run = GradeRun(assignment: AssignmentSummary(id: "a", title: "A"), submission: "s", seed: 0, build: BuildOutcome(succeeded: true),
                           components: [ComponentResult(name: "multiclass-svm", title: "SVM",
                                                        checks: [crash("c1", shape: "1×3"), timeout, crash("c2", shape: "3×3"), crash("c3", shape: "1×3")])],
                           duration: 0)
        let text = ConsoleReportWriter().write(run)
        // The first in full, with the others it ends; those are one line each; another cause stays apart.
        #expect(text.components(separatedBy: "in your code at SVM.swift:14").count == 2, "\(text)")
        #expect(text.contains("The same error ends 2 more cases of this component: c2, c3."), "\(text)")
        #expect(text.components(separatedBy: "crashed at the same line as case c1 above").count == 3, "\(text)")
        #expect(text.contains("did not finish within 1 s"))
        // The runtime's message is stated once: not again in the output.
        #expect(text.components(separatedBy: "Fatal error: Index (0, 3)").count == 2, "\(text)")
        #expect(text.contains("│ computing"))
    }

    @Test func oneMistakeIsExplainedOnceAndEachCaseKeepsItsOwnValues() {
        func wrong(_ name: String, got: String, misconception: String = "Counting the correct class in the sum of margins.") -> CheckResult {
            CheckResult(name: name, component: "multiclass-svm", kind: "reference", title: "Case \(name)", points: 1, status: .failed,
                        problem: .wrongValue, reason: "the loss differs from the reference", misconception: misconception,
                        idea: "The correct class is not a margin.",
                        comparisons: [Comparison(quantity: "loss", expected: "2.9", got: got, relativeError: 0.3, tolerance: "rtol 1e-6", passed: false)])
        }
        let other = wrong("w4", got: "9", misconception: "Forgetting to divide by N.")
        let run = GradeRun(assignment: AssignmentSummary(id: "a", title: "A"), submission: "s", seed: 0, build: BuildOutcome(succeeded: true),
                           components: [ComponentResult(name: "multiclass-svm", title: "SVM",
                                                        checks: [wrong("w1", got: "3.9"), wrong("w2", got: "4.9"), other, wrong("w3", got: "5.9")])],
                           duration: 0)
        let text = ConsoleReportWriter().write(run)
        // The diagnosis and the idea once, naming the cases it explains; each case's own got value stays.
        #expect(text.components(separatedBy: "Counting the correct class in the sum of margins").count == 2, "\(text)") // w1 only
        #expect(text.components(separatedBy: "The correct class is not a margin.").count == 3, "\(text)") // w1 + w4
        #expect(text.contains("The same mistake explains 2 more cases of this component: w2, w3."), "\(text)")
        #expect(text.components(separatedBy: "the same mistake as case w1 above").count == 3, "\(text)")
        for got in ["3.9", "4.9", "5.9", "9"] { #expect(text.contains("got \(got)"), "\(got) missing: \(text)") }
        // Another misconception is its own account.
        #expect(text.contains("Forgetting to divide by N."))
    }

    @Test func aReproducibleFailureSaysHowToRunTheStudentsCodeOnItsInputs() {
        var wrong = CheckResult(name: "l2-w1", component: "l2-regularization", kind: "worked-example", title: "W1", points: 1, status: .failed,
                                problem: .wrongGradient, reason: "gradient[0, 0] is 1, expected 2")
        wrong.reproducible = true
        var other = wrong
        other.name = "l2-w2"
        other.reproducible = false
        let run = GradeRun(assignment: AssignmentSummary(id: "assignment3", title: "A"), submission: "my work", seed: 0, build: BuildOutcome(succeeded: true),
                           components: [ComponentResult(name: "l2-regularization", title: "L2", checks: [wrong, other])], duration: 0)
        let text = ConsoleReportWriter().write(run)
        #expect(text.contains("swift run grade repro assignment3 l2-w1 --submission 'my work'"), "\(text)")
        #expect(!text.contains("grade repro assignment3 l2-w2"))
    }

    @Test func wrongValuesWithoutADiagnosisAreNotGrouped() {
        let checks = (1...3).map { k in
            CheckResult(name: "v\(k)", component: "softmax", kind: "reference", title: "V\(k)", points: 1, status: .failed,
                        problem: .wrongValue, reason: "the loss differs from the reference")
        }
        #expect(SharedCause.find(in: checks, audience: .student).isEmpty)
        #expect(SharedCause.find(in: checks.map { var c = $0; c.misconception = "M."; return c }, audience: .student).count == 3)
    }

    @Test func aSummaryComesFirstWithEachComponentsPointsAndMainDiagnosis() throws {
        let lines = report.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try #require(lines.firstIndex(of: "Summary"))
        let details = try #require(lines.firstIndex { $0.contains("(multiclass-svm)") })
        #expect(start < details)
        let summary = lines[(start + 1)...].prefix { !$0.isEmpty }
        #expect(summary.count == 3, "\(summary)")
        // The first failure the student may see, with the misconception it points to.
        #expect(summary.first?.hasPrefix("  ✗ multiclass-svm") == true)
        #expect(summary.first?.contains("1/5") == true && summary.first?.contains("Counting the correct class in the sum of margins") == true,
                "\(summary.first ?? "")")
        #expect(summary.contains { $0.hasPrefix("  · softmax") && $0.hasSuffix("not implemented") })
    }

    @Test func showOutputShowsWhatAPassingCasePrinted() {
        let passed = CheckResult(name: "p", component: "multiclass-svm", kind: "reference", title: "P", points: 1, status: .passed,
                                 output: CapturedOutput(text: "margins: [1, 2]"))
        let run = GradeRun(assignment: AssignmentSummary(id: "a", title: "A"), submission: "s", seed: 0, build: BuildOutcome(succeeded: true),
                           components: [ComponentResult(name: "multiclass-svm", title: "SVM", checks: [passed])], duration: 0)
        #expect(!ConsoleReportWriter().write(run).contains("margins: [1, 2]"))
        #expect(!ConsoleReportWriter(options: .init(verbose: true)).write(run).contains("margins: [1, 2]"))
        #expect(ConsoleReportWriter(options: .init(showOutput: true)).write(run).contains("│ margins: [1, 2]"))
    }

    @Test func componentNotImplementedIsOneLine() {
        let lines = report.split(separator: "\n")
        let header = try! #require(lines.firstIndex { $0.contains("Softmax loss (softmax)") })
        #expect(lines[header + 1].trimmingPrefixSpaces == "not implemented")
        #expect(!report.contains("Softmax gradient"))
    }

    @Test func totalsLineHasScoreAndCounts() {
        // The hidden and after-due-date cases are not counted: their verdicts are withheld.
        #expect(report.hasSuffix("Score: 2/14 points · 2 passed, 2 failed, 2 errors, 2 not implemented, 2 hidden cases (4 points) not shown\n"),
                "\(report)")
        let staff = ConsoleReportWriter(options: .init(audience: .staff)).write(RunFixture.mixed())
        #expect(staff.hasSuffix("Score: 2/18 points · 2 passed, 4 failed, 2 errors, 2 not implemented\n"))
    }

    @Test func passingComparisonsOnlyWhenVerbose() {
        #expect(!report.contains("loss: expected 2.9, got 2.9"))
        let verbose = ConsoleReportWriter(options: .init(verbose: true)).write(RunFixture.mixed())
        #expect(verbose.contains("loss: expected 2.9, got 2.9"))
    }

    @Test func buildFailureIsShownWithDiagnostics() {
        let text = ConsoleReportWriter().write(RunFixture.buildFailure())
        #expect(text.contains("BUILD FAILED"))
        #expect(text.contains("Sources/Submission/SVM.swift:12:5: error: cannot find 'marginz' in scope"))
        #expect(text.contains("not graded: the submission did not compile"))
        #expect(!text.contains("✗ Case"))
        #expect(text.hasSuffix("Score: 0/4 points · build failed, 2 cases not run\n"), "\(text)")
    }

    @Test func noColourMeansNoEscapeByteEvenWithHostileOutput() {
        var run = RunFixture.mixed(sgdOutput: RunFixture.hostileOutput(size: 100_000))
        run.components[0].checks[1].reason = "\u{1B}[31mred reason\u{1B}[0m\r"
        let text = ConsoleReportWriter(options: .init(useColor: false, verbose: true, audience: .staff)).write(run)
        #expect(!text.utf8.contains(0x1B))
        #expect(!text.utf8.contains(0x0D))
        #expect(!text.utf8.contains(0x00))
        #expect(text.contains("red reason"))
        #expect(text.contains("│ Fatal error: the end"))
    }

    @Test func colourUsesANSIEscapes() {
        let text = ConsoleReportWriter(options: .init(useColor: true)).write(RunFixture.mixed())
        #expect(text.contains("\u{1B}[32m✓\u{1B}[0m"))
        #expect(text.contains("\u{1B}[31m✗\u{1B}[0m"))
    }

    @Test func hiddenCaseShowsItsPlaceAndPointsOnly() {
        #expect(report.contains("· hidden case 1 of multiclass-svm"), "\(report)")
        #expect(!report.contains("✗ hidden case"))
        #expect(!report.contains("svm-hidden-batch"))
        #expect(report.contains(ReportAudience.student.withheldNotice(for: .hidden)))
        // Its 3 points are not in the component's total, which says they are hidden.
        #expect(report.contains("1/5 points + 3 hidden"), "\(report)")
        #expect(report.contains("2 hidden cases (4 points) not shown"), "\(report)")
    }

    @Test func underWithheldCasesVerdictAHiddenCaseShowsItsVerdictToo() {
        let text = ConsoleReportWriter().write(RunFixture.mixed(withheldCases: .verdict))
        #expect(text.contains("✗ hidden case 1 of multiclass-svm"))
        #expect(text.contains("failed: wrong-value"))
        #expect(!text.contains("svm-hidden-batch") && !text.contains("HIDDEN-EXPECTED"))
        #expect(text.contains("1/8 points"), "\(text)")
    }

    @Test func afterDueDateCaseIsShownOnceTheDueDateHasPassed() {
        #expect(!report.contains("LATE-EXPECTED-3.5"))
        let late = ConsoleReportWriter(options: .init(audience: .studentAfterDueDate)).write(RunFixture.mixed())
        #expect(late.contains("trajectory[3]: expected LATE-EXPECTED-3.5, got LATE-GOT-0.5"))
        #expect(!late.contains("HIDDEN-EXPECTED-7.123"))
    }
}

private extension Substring {
    var trimmingPrefixSpaces: Substring { drop { $0 == " " } }
}
