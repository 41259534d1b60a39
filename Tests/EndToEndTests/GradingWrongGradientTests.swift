import Testing

/// `e2e/wrong-gradient`: the L2 loss returns `(ŷ − y)/N`, half its gradient, and the right loss.
@Suite("Grading a submission whose L2 loss has a wrong gradient")
struct GradingWrongGradientTests {
    /// The L2 loss's checks that compare a gradient: a worked example with an expected
    /// gradient, reference agreement and the gradient check.
    static let gradientChecks: Set = ["l2-loss-two-samples", "l2-loss-reference", "l2-loss-gradient-check"]

    @Test("The run exits 1")
    func exitsOne() async throws {
        let run = try await GradingFixture.wrongGradient.run
        #expect(run.outcome.status == 1, "stderr: \(run.outcome.standardError)")
    }

    @Test("Exactly the L2 loss's gradient-dependent checks fail, each as a wrong gradient")
    func onlyGradientChecksFail() async throws {
        let results = try await GradingFixture.wrongGradient.run.gradescopeResults()
        let failing = results.checks.filter { $0.status != "passed" }
        #expect(Set(failing.map(\.caseName)) == Self.gradientChecks)
        #expect(failing.allSatisfy { $0.component == "l2-loss" && $0.problem == .wrongGradient })
    }

    @Test("The L2 loss's loss-only worked example still passes")
    func lossOnlyExamplePasses() async throws {
        let results = try await GradingFixture.wrongGradient.run.gradescopeResults()
        let outlier = try #require(results.checks.first { $0.caseName == "l2-loss-outlier" })
        #expect(outlier.status == "passed")
    }

    @Test("The console counts the failures and takes off exactly their points")
    func consoleTotals() async throws {
        let run = try await GradingFixture.wrongGradient.run
        let results = try run.gradescopeResults()
        let totals = try #require(run.totals, "no totals line in:\n\(run.outcome.standardOutput)")
        let lost = results.checks.filter { Self.gradientChecks.contains($0.caseName) }.reduce(0) { $0 + $1.max_score }
        #expect(totals.failed == Self.gradientChecks.count)
        #expect(totals.errors + totals.notImplemented == 0)
        #expect(totals.score == results.maxScore - totals.withheldPoints - lost)
        #expect(results.score == results.maxScore - lost)
    }
}
