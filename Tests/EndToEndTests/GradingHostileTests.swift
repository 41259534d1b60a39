import GradeResults
import Testing

/// `e2e/hostile`: five components misbehave in one build, graded with a short timeout.
///
/// `l1-loss` traps with `fatalError`, `nesterov` loops forever, `rmsprop` allocates without
/// bound, `adagrad` prints ANSI colours, NUL and control bytes, invalid UTF-8 and XML markup,
/// and `momentum` prints 5 MB; the last two then answer correctly.
@Suite("Grading a submission whose components trap, hang, exhaust memory and print noise")
struct GradingHostileTests {
    static let trapping = "l1-loss"
    static let looping = "nesterov"
    static let hoarding = "rmsprop"
    static let noisy = "adagrad"
    static let loud = "momentum"

    /// The problems of the checks of `component`, one per check.
    private func problems(of component: String) async throws -> [Problem?] {
        let results = try await GradingFixture.hostile.run.gradescopeResults()
        let checks = results.checks.filter { $0.component == component }
        try #require(!checks.isEmpty, "no checks of \(component)")
        return checks.map { $0.status == "passed" ? nil : $0.problem }
    }

    @Test("The run exits 1")
    func exitsOne() async throws {
        let run = try await GradingFixture.hostile.run
        #expect(run.outcome.status == 1, "stderr: \(run.outcome.standardError)")
    }

    @Test("A component that traps errors with a crash in every one of its checks")
    func trapIsACrash() async throws {
        #expect(try await problems(of: Self.trapping).allSatisfy { $0 == .crash })
    }

    @Test("The trap's Fatal error line reaches the console and every check's report entry")
    func fatalErrorLineIsReported() async throws {
        let run = try await GradingFixture.hostile.run
        let line = "Fatal error: the L1 loss gave up"
        #expect(run.outcome.standardOutput.contains(line))
        let gradescope = try run.gradescopeResults().checks.filter { $0.component == Self.trapping }
        #expect(gradescope.filter { !$0.output.contains(line) }.map(\.caseName) == [])
        let junit = try run.junitSummary().testCases.filter { $0.component == Self.trapping }
        #expect(!junit.isEmpty)
        #expect(junit.filter { !$0.detail.contains(line) }.map(\.name) == [])
    }

    @Test("A component that loops forever times out in every one of its checks")
    func loopTimesOut() async throws {
        #expect(try await problems(of: Self.looping).allSatisfy { $0 == .timeout })
    }

    @Test("A component that allocates without bound hits the memory limit in every one of its checks")
    func allocationHitsMemoryLimit() async throws {
        #expect(try await problems(of: Self.hoarding).allSatisfy { $0 == .memoryLimit })
    }

    @Test("A component that prints control bytes, invalid UTF-8 and markup, then answers correctly, passes every check")
    func noisyComponentPasses() async throws {
        #expect(try await problems(of: Self.noisy).allSatisfy { $0 == nil })
    }

    @Test("A component that prints 5 MB, then answers correctly, passes every check")
    func loudComponentPasses() async throws {
        #expect(try await problems(of: Self.loud).allSatisfy { $0 == nil })
    }

    @Test("Every component that does not misbehave keeps full marks")
    func othersKeepFullMarks() async throws {
        let results = try await GradingFixture.hostile.run.gradescopeResults()
        let misbehaving: Set = [Self.trapping, Self.looping, Self.hoarding]
        let others = results.checks.filter { !misbehaving.contains($0.component ?? "") }
        #expect(others.count > results.checks.count / 2)
        #expect(others.filter { $0.status != "passed" }.map(\.caseName) == [])
        #expect(others.allSatisfy { $0.score == $0.max_score })
    }

    @Test("The console counts the misbehaving components' checks as errors and nothing else as lost")
    func consoleTotals() async throws {
        let run = try await GradingFixture.hostile.run
        let results = try run.gradescopeResults()
        let totals = try #require(run.totals, "no totals line in:\n\(run.outcome.standardOutput)")
        let misbehaving: Set = [Self.trapping, Self.looping, Self.hoarding]
        // The console counts the cases whose verdict a student may know: the visible ones.
        let lost = results.checks.filter { misbehaving.contains($0.component ?? "") && $0.visibility == "visible" }
        #expect(totals.errors == lost.count)
        #expect(totals.failed + totals.notImplemented == 0)
        #expect(totals.score == results.maxScore - totals.withheldPoints - lost.reduce(0) { $0 + $1.max_score })
    }
}
