import GradeResults
import Testing

/// `e2e/does-not-compile`: `HingeMargins.swift` (a helper the starter does not have) line 10
/// assigns an `Int` to a `Double`, so no file can be graded in its place.
@Suite("Grading a submission that does not compile")
struct GradingBuildFailureTests {
    /// The diagnostic's place, as compilers print it: file, line, column.
    static let place = "HingeMargins.swift:10:"
    static let message = "cannot convert value of type 'Int' to specified type 'Double'"

    /// A report of the run, by format.
    enum Report: String, CaseIterable, Sendable {
        case junit, gradescope, markdown

        /// What a reader of the report sees about the build: the text of the JUnit build
        /// error, the output of the Gradescope build test, or the whole Markdown summary.
        func buildText(of run: GradedFixture) throws -> String {
            switch self {
            case .junit:
                let build = try #require(try run.junitSummary().testCases.first { $0.component == "build" })
                #expect(build.verdict == .error)
                return build.detail
            case .gradescope:
                return try #require(try run.gradescopeResults().tests.first { $0.component == "build" }).output
            case .markdown:
                return String(decoding: try #require(run.markdown), as: UTF8.self)
            }
        }
    }

    @Test("The run exits 1, not 2: a build failure is a graded failure")
    func exitsOne() async throws {
        let run = try await GradingFixture.doesNotCompile.run
        #expect(run.outcome.status == 1, "stderr: \(run.outcome.standardError)")
    }

    @Test("The console shows the compiler's diagnostic with its file and line")
    func consoleShowsDiagnostic() async throws {
        let console = try await GradingFixture.doesNotCompile.run.outcome.standardOutput
        let line = console.split(separator: "\n").first { $0.contains(Self.place) }
        #expect(line?.contains(Self.message) == true, "no '\(Self.place) … \(Self.message)' line in:\n\(console)")
    }

    @Test("Every report shows the compiler's diagnostic with its file and line", arguments: Report.allCases)
    func reportShowsDiagnostic(_ report: Report) async throws {
        let run = try await GradingFixture.doesNotCompile.run
        let text = try report.buildText(of: run)
        #expect(text.contains(Self.place))
        #expect(text.contains(Self.message))
    }

    @Test("No check passes and the score is 0")
    func nothingPasses() async throws {
        let run = try await GradingFixture.doesNotCompile.run
        let results = try run.gradescopeResults()
        let totals = try #require(run.totals, "no totals line in:\n\(run.outcome.standardOutput)")
        #expect(totals.buildFailed)
        #expect(totals.passed == 0)
        #expect(totals.score == 0)
        #expect(results.score == 0)
        #expect(results.tests.allSatisfy { $0.status == "failed" && $0.problem == .buildFailure })
        // One JUnit error, the build test's, which CI pages annotate once; the cases are skipped.
        let junit = try run.junitSummary()
        #expect(junit.testCases.filter { $0.verdict == .error }.map(\.component) == ["build"])
        #expect(junit.testCases.filter { $0.verdict == .skipped }.count == results.checks.count)
    }
}

/// `e2e/one-file-does-not-compile`: one file with an error, which the starter also has. The
/// file is graded as the starter's stub, so everything else is graded as written.
@Suite("Grading a submission with one file that does not compile")
struct GradingOneFileBuildFailureTests {
    @Test("Every component but the broken file's keeps full marks; its cases say it does not compile, with a caret")
    func theRestIsGraded() async throws {
        let run = try await GradingFixture.oneFileDoesNotCompile.run
        #expect(run.outcome.status == 1, "stderr: \(run.outcome.standardError)")
        let results = try run.gradescopeResults()
        let l2 = results.tests.filter { $0.component == "l2-loss" }
        let others = results.tests.filter { $0.component != "l2-loss" }
        #expect(!l2.isEmpty && l2.allSatisfy { $0.status == "failed" && $0.score == 0 })
        #expect(!others.isEmpty && others.allSatisfy { $0.status == "passed" }, "\(others.filter { $0.status != "passed" }.map(\.name))")
        let first = try #require(l2.first).output
        #expect(first.contains("L2Loss.swift does not compile, so it was graded as the starter's stub: L2Loss.swift:13:41: error: cannot convert value of type 'Int' to specified type 'Double'"), "\(first)")
        #expect(first.contains("let scale: Double = predictions.rows\n" + String(repeating: " ", count: 40) + "^"), "\(first)")
        let console = run.outcome.standardOutput
        #expect(console.contains("✗ L2Loss.swift does not compile: graded as the starter's version"), "\(console)")
        // One JUnit error a case of the broken file, no build test: the build succeeded without it.
        let junit = try run.junitSummary()
        #expect(!junit.testCases.contains { $0.component == "build" })
        #expect(junit.testCases.filter { $0.verdict == .error }.count == l2.count)
    }
}
