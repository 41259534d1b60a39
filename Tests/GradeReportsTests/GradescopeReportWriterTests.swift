import FoundationEssentials
import GradeReports
import GradeResults
import Testing

@Suite struct GradescopeReportWriterTests {
    struct Results: Decodable {
        var score: Double
        var execution_time: Int
        var output: String
        var output_format: String
        var stdout_visibility: String
        var tests: [Test]
    }

    struct Test: Decodable {
        var name: String
        var number: String
        var score: Double
        var max_score: Double
        var status: String
        var output: String
        var visibility: String
        var tags: [String]
    }

    func decode(_ run: GradeRun, _ writer: GradescopeReportWriter = .init()) throws -> Results {
        try JSONDecoder().decode(Results.self, from: try writer.write(run))
    }

    @Testing.Test func parsesAndScoresAddUpToTheTotal() throws {
        let run = RunFixture.mixed()
        let results = try decode(run)
        #expect(results.score == run.score)
        #expect(results.tests.reduce(0) { $0 + $1.score } == results.score)
        #expect(results.tests.reduce(0) { $0 + $1.max_score } == run.maxScore)
        #expect(results.tests.count == run.checks.count)
        #expect(results.execution_time == 15)
        #expect(results.output_format == "text")
        #expect(results.stdout_visibility == "hidden")
    }

    /// Gradescope shows the top-level output to students at once: a component score there that
    /// counted the hidden case would tell its verdict.
    @Testing.Test func theTopLevelOutputCountsOnlyWhatTheStudentMaySee() throws {
        let student = try decode(RunFixture.mixed()).output
        #expect(student.contains("- Multiclass SVM loss: 1/5\n"), "\(student)")
        #expect(student.contains("Not counted above: 2 hidden tests (4 points), whose results are not shown"))
        #expect(student.contains("2 passed, 2 failed, 2 errors, 2 not implemented"), "the hidden failure is not counted: \(student)")
        // A staff report, whose hidden tests Gradescope hides itself, still has a student's top level…
        let staff = try decode(RunFixture.mixed(), GradescopeReportWriter(audience: .staff))
        #expect(staff.output == student, "\(staff.output)")
        // …and tells staff why each hidden test failed.
        let hidden = try #require(staff.tests.first { $0.visibility == "hidden" && $0.status == "failed" })
        let redacted = try #require(try decode(RunFixture.mixed()).tests.first { $0.number == hidden.number })
        #expect(hidden.output.count > redacted.output.count, "\(hidden.output)")
    }

    @Testing.Test func aWrongAnswerCarriesWhatTheCodePrinted() throws {
        let failed = CheckResult(name: "f", component: "multiclass-svm", kind: "reference", title: "F", points: 1, status: .failed,
                                 problem: .wrongValue, reason: "The loss differs.", output: CapturedOutput(text: "debug: margins [1, 2]"))
        let run = GradeRun(assignment: AssignmentSummary(id: "a", title: "A"), submission: "s", seed: 0, build: BuildOutcome(succeeded: true),
                           components: [ComponentResult(name: "multiclass-svm", title: "SVM", checks: [failed])], duration: 0)
        let test = try #require(try decode(run).tests.first)
        #expect(test.output.contains("Output:\ndebug: margins [1, 2]"), "\(test.output)")
    }

    @Testing.Test func testsAreNumberedByComponentAndCase() throws {
        let results = try decode(RunFixture.mixed())
        #expect(results.tests.map(\.number) == ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "3.1", "3.2", "3.3", "3.4"])
    }

    @Testing.Test func testsCarryStatusVisibilityTagsAndDetail() throws {
        let results = try decode(RunFixture.mixed())
        #expect(results.tests[0].status == "passed")
        #expect(results.tests[1].status == "failed")
        #expect(results.tests[1].tags == ["multiclass-svm", "wrong-value"])
        #expect(results.tests[0].tags == ["multiclass-svm"])
        #expect(results.tests[3].visibility == "hidden")
        #expect(results.tests[9].visibility == "after_due_date")
        #expect(results.tests[1].name == "SVM loss of a random batch [svm-random-loss]")
        #expect(results.tests[1].output.contains("loss: expected 1.2345, got 2.469"))
        #expect(results.tests[1].output.contains("This pattern usually means:"))
        #expect(results.tests[7].output.contains("Fatal error: Index out of range"))
    }

    @Testing.Test func buildFailureIsAValidFileWithScoreZeroAndDiagnostics() throws {
        let results = try decode(RunFixture.buildFailure())
        #expect(results.score == 0)
        #expect(results.tests.reduce(0) { $0 + $1.score } == 0)
        #expect(results.output.contains(RunFixture.buildError.formatted))
        #expect(results.tests.first?.name == "Build")
        #expect(results.tests.first?.output.contains(RunFixture.buildError.formatted) == true)
    }

    @Testing.Test func keysAreSortedSoOutputIsDeterministic() throws {
        let a = try GradescopeReportWriter().write(RunFixture.mixed())
        let b = try GradescopeReportWriter().write(RunFixture.mixed())
        #expect(a == b)
        let text = String(decoding: a, as: UTF8.self)
        let keys = ["\"execution_time\"", "\"output\"", "\"output_format\"", "\"score\"", "\"stdout_visibility\"", "\"tests\""]
        let positions = keys.map { text.firstRange(of: $0)!.lowerBound }
        #expect(positions == positions.sorted())
    }

    @Testing.Test func markdownSummaryWhenAsked() throws {
        let results = try decode(RunFixture.mixed(), GradescopeReportWriter(outputFormat: .markdown))
        #expect(results.output_format == "md")
        #expect(results.output.contains("| Component | Checks passed | Points |"))
    }

    @Testing.Test func hostileOutputStaysBoundedAndClean() throws {
        let data = try GradescopeReportWriter(audience: .staff)
            .write(RunFixture.mixed(sgdOutput: RunFixture.hostileOutput()))
        #expect(data.count < 200_000)
        let results = try JSONDecoder().decode(Results.self, from: data)
        #expect(results.tests[7].output.contains("[truncated: "))
        #expect(!results.tests[7].output.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0 })
    }
}
