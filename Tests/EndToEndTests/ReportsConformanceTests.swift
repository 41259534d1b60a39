import GradeResults
import Testing
import TestSupport

/// Every report of every graded fixture, checked the way CI consumers read it.
@Suite("Reports written by the grade command")
struct ReportsConformanceTests {
    @Test("Every report is written", arguments: GradingFixture.allCases)
    func everyReportIsWritten(_ fixture: GradingFixture) async throws {
        let run = try await fixture.run
        #expect(run.junit?.isEmpty == false, "no JUnit report; stderr: \(run.outcome.standardError)")
        #expect(run.gradescope?.isEmpty == false, "no Gradescope report")
        #expect(run.markdown?.isEmpty == false, "no Markdown report")
    }

    @Test("Only the reports are left in their folder: no temporary file remains", arguments: GradingFixture.allCases)
    func noTemporaryFileRemains(_ fixture: GradingFixture) async throws {
        let run = try await fixture.run
        #expect(run.filesInReportFolder == GradedFixture.reportNames.values.sorted())
    }

    @Test("A report replaces a stale, longer file of the same name whole", arguments: GradingFixture.allCases)
    func staleReportIsReplaced(_ fixture: GradingFixture) async throws {
        let junit = try #require(try await fixture.run.junit)
        #expect(junit.starts(with: Array("<?xml".utf8)))
        #expect(junit.firstRange(of: Array(repeating: UInt8(ascii: "x"), count: 64)) == nil)
    }

    @Test("The JUnit report validates against the Jenkins JUnit schema", arguments: GradingFixture.allCases)
    func junitValidatesAgainstSchema(_ fixture: GradingFixture) async throws {
        let junit = try #require(try await fixture.run.junit)
        let violations = try JUnitSchemaValidator.jenkins().validate(junit)
        #expect(violations.isEmpty, "\(violations.prefix(10).map(\.description).joined(separator: "\n"))")
    }

    @Test("The JUnit totals are the totals of its test cases, for the whole file and every suite", arguments: GradingFixture.allCases)
    func junitTotalsMatchItsTestCases(_ fixture: GradingFixture) async throws {
        let junit = try await fixture.run.junitSummary()
        #expect(junit.declared == junit.counted)
        for suite in junit.suites {
            let cases = junit.testCases.filter { $0.classname == suite.name }
            let counted = JUnitSummary.Counts(tests: cases.count, failures: cases.filter { $0.verdict == .failure }.count,
                                              errors: cases.filter { $0.verdict == .error }.count)
            #expect(suite.declared == counted, "suite \(suite.name)")
        }
        #expect(junit.suites.reduce(0) { $0 + $1.declared.tests } == junit.declared.tests)
    }

    @Test("The JUnit totals equal the console's totals line", arguments: GradingFixture.allCases)
    func junitTotalsMatchConsole(_ fixture: GradingFixture) async throws {
        let run = try await fixture.run
        let junit = try run.junitSummary()
        let totals = try #require(run.totals, "no totals line in:\n\(run.outcome.standardOutput)")
        // A failed build is one more JUnit error, in its own `build` suite; the console says "build failed".
        let build = totals.buildFailed ? 1 : 0
        // A case whose verdict the reader may not know is counted by neither, and skipped in JUnit.
        let expected = JUnitSummary.Counts(tests: totals.checks + totals.withheld + build, failures: totals.failed + totals.notImplemented,
                                           errors: totals.errors + build)
        #expect(junit.declared == expected)
        #expect(junit.testCases.filter { $0.verdict == .skipped }.count == totals.withheld + totals.notRun)
    }

    @Test("The JUnit totals equal the Gradescope results", arguments: GradingFixture.allCases)
    func junitTotalsMatchGradescope(_ fixture: GradingFixture) async throws {
        let run = try await fixture.run
        let junit = try run.junitSummary()
        let results = try run.gradescopeResults()
        let tests = results.tests
        // Gradescope's tests carry the grade; the student's JUnit file skips the withheld ones.
        let failed = tests.filter { $0.status != "passed" && $0.visibility == "visible" && !results.neverRan($0) }
        let errors = failed.filter { $0.problem?.isError == true }
        let expected = JUnitSummary.Counts(tests: tests.count, failures: failed.count - errors.count, errors: errors.count)
        #expect(junit.declared == expected)
    }

    @Test("The JUnit and Gradescope reports agree on every check's verdict", arguments: GradingFixture.allCases)
    func junitAndGradescopeAgreeOnEveryCheck(_ fixture: GradingFixture) async throws {
        let run = try await fixture.run
        let junit = try run.junitSummary().testCases.filter { $0.component != "build" }
        let results = try run.gradescopeResults()
        let gradescope = results.checks
        try #require(junit.count == gradescope.count)
        for (junitCase, test) in zip(junit, gradescope) {
            #expect(junitCase.component == test.component)
            #expect(junitCase.name == test.caseName)
            if results.neverRan(test) {
                #expect(junitCase.verdict == .skipped, "\(junitCase.name): a case that never ran is one error, the build's")
            } else if test.visibility == "visible" {
                #expect(junitCase.type == (test.status == "passed" ? nil : test.problem?.rawValue), "\(junitCase.name)")
            } else {
                #expect(junitCase.verdict == .skipped, "\(junitCase.name): a withheld verdict in the student's JUnit file")
            }
        }
    }

    @Test("The console, Gradescope and Markdown reports give the same score", arguments: GradingFixture.allCases)
    func scoresAgree(_ fixture: GradingFixture) async throws {
        let run = try await fixture.run
        let results = try run.gradescopeResults()
        let totals = try #require(run.totals, "no totals line in:\n\(run.outcome.standardOutput)")
        let markdown = String(decoding: try #require(run.markdown), as: UTF8.self)
        // Gradescope's score is the grade, of every test; the student's console counts the
        // tests whose verdict they may know, and names the points of the others.
        #expect(results.score == totals.score + results.tests.filter { $0.visibility != "visible" }.reduce(0) { $0 + $1.score })
        #expect(results.maxScore == totals.maxScore + totals.withheldPoints)
        #expect(markdown.contains("Score: \(Self.points(totals.score))/\(Self.points(totals.maxScore)) points"))
    }

    /// Points as the reports print them: `151`, `1.5`.
    private static func points(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
