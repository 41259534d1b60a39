import Testing

/// The two ends of the scale: the reference earns every point, the untouched starter none.
@Suite("Grading the reference and the starter")
struct GradingReferenceTests {
    @Test("The reference exits 0")
    func referenceExitsZero() async throws {
        let run = try await GradingFixture.reference.run
        #expect(run.outcome.status == 0, "stderr: \(run.outcome.standardError)")
    }

    @Test("The reference scores every point the assignment has, as the console and Gradescope say")
    func referenceScoresFullMarks() async throws {
        let run = try await GradingFixture.reference.run
        let results = try run.gradescopeResults()
        let totals = try #require(run.totals, "no totals line in:\n\(run.outcome.standardOutput)")
        #expect(results.maxScore > 0)
        #expect(results.score == results.maxScore)
        // The console counts what a student may know; the withheld cases' points it names apart.
        #expect(totals.withheld > 0)
        #expect(totals.score + totals.withheldPoints == results.maxScore)
        #expect(totals.maxScore + totals.withheldPoints == results.maxScore)
    }

    @Test("Every check of the reference passes")
    func everyReferenceCheckPasses() async throws {
        let run = try await GradingFixture.reference.run
        let results = try run.gradescopeResults()
        let totals = try #require(run.totals)
        #expect(!results.checks.isEmpty)
        #expect(results.checks.filter { $0.status != "passed" }.map(\.caseName) == [])
        #expect(totals.passed + totals.withheld == results.checks.count)
        #expect(totals.failed + totals.errors + totals.notImplemented == 0)
    }

    @Test("The starter exits 1")
    func starterExitsOne() async throws {
        let run = try await GradingFixture.starter.run
        #expect(run.outcome.status == 1, "stderr: \(run.outcome.standardError)")
    }

    @Test("Every check of the starter is not implemented, and it scores 0")
    func everyStarterCheckIsNotImplemented() async throws {
        let run = try await GradingFixture.starter.run
        let results = try run.gradescopeResults()
        let totals = try #require(run.totals, "no totals line in:\n\(run.outcome.standardOutput)")
        #expect(!results.checks.isEmpty)
        #expect(results.checks.filter { $0.problem != .notImplemented }.map(\.caseName) == [])
        #expect(totals.notImplemented + totals.withheld == results.checks.count)
        #expect(totals.passed + totals.failed + totals.errors == 0)
        #expect(results.score == 0)
        #expect(totals.score == 0)
    }
}
