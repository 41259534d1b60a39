import GradeResults
import Testing

/// `e2e/does-not-compile`: `L2Loss.swift` line 13 assigns an `Int` to a `Double`.
@Suite("Grading a submission that does not compile")
struct GradingBuildFailureTests {
    /// The diagnostic's place, as compilers print it: file, line, column.
    static let place = "L2Loss.swift:13:"
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
    }
}
