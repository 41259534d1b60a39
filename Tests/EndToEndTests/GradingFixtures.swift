import Foundation
import GradeResults

/// The submissions the end-to-end tests grade, each graded once per test run.
///
/// Every fixture under `Tests/Fixtures/e2e/` is a copy of `reference/` with one deliberate
/// change (see its README), so whatever that change does not touch must keep full marks.
enum GradingFixture: String, CaseIterable, Sendable, CustomStringConvertible {
    /// `reference/`: every check passes.
    case reference
    /// The assignment's starter: every component is a stub.
    case starter
    /// `e2e/wrong-gradient`: the L2 loss returns half its gradient and the right loss.
    case wrongGradient = "wrong-gradient"
    /// `e2e/hostile`: one component traps, one loops, one exhausts memory, two print noise and answer correctly.
    case hostile
    /// `e2e/does-not-compile`: a type error on line 10 of `HingeMargins.swift`, a file the starter does not have.
    case doesNotCompile = "does-not-compile"
    /// `e2e/one-file-does-not-compile`: a type error on line 13 of `L2Loss.swift`, which the starter has.
    case oneFileDoesNotCompile = "one-file-does-not-compile"

    var description: String { rawValue }

    /// The wall-clock seconds each case of the hostile submission may take: short, so the
    /// looping component costs seconds, yet far above what a correct case needs.
    static let hostileTimeout = 3

    /// A variable every fixture run gets, standing in for a CI job's token: student code must not see it.
    static let secretName = "GRADE_E2E_CI_TOKEN"
    /// Its value.
    static let secretValue = "ci-token-5b1e0c7d"

    /// The arguments that grade this fixture, without the report options.
    var arguments: [String] {
        switch self {
        case .reference: ["assignment3", "--submission", "reference"]
        case .starter: ["assignment3"]
        case .hostile: ["assignment3", "--submission", "Tests/Fixtures/e2e/hostile", "--base", "reference",
                        "--timeout", String(Self.hostileTimeout)]
        case .wrongGradient, .doesNotCompile, .oneFileDoesNotCompile:
            ["assignment3", "--submission", "Tests/Fixtures/e2e/\(rawValue)", "--base", "reference"]
        }
    }

    /// The graded run of this fixture, started by the first test that asks and shared by all.
    var run: GradedFixture {
        get async throws {
            switch self {
            case .reference: try await Self.referenceRun.value
            case .starter: try await Self.starterRun.value
            case .wrongGradient: try await Self.wrongGradientRun.value
            case .hostile: try await Self.hostileRun.value
            case .doesNotCompile: try await Self.doesNotCompileRun.value
            case .oneFileDoesNotCompile: try await Self.oneFileDoesNotCompileRun.value
            }
        }
    }

    // Static lets are initialized once, on first use, even when tests ask concurrently; each
    // holds a task, so waiting for a run blocks no thread.
    private static let referenceRun = Task { try await GradedFixture.grade(.reference) }
    private static let starterRun = Task { try await GradedFixture.grade(.starter) }
    private static let wrongGradientRun = Task { try await GradedFixture.grade(.wrongGradient) }
    private static let hostileRun = Task { try await GradedFixture.grade(.hostile) }
    private static let doesNotCompileRun = Task { try await GradedFixture.grade(.doesNotCompile) }
    private static let oneFileDoesNotCompileRun = Task { try await GradedFixture.grade(.oneFileDoesNotCompile) }
}

/// One graded fixture: the command's outcome and the three reports it wrote.
struct GradedFixture: Sendable {
    /// The report files every run asks for, by option.
    static let reportNames = ["--junit": "junit.xml", "--gradescope": "results.json", "--markdown": "summary.md"]

    /// The fixture graded.
    var fixture: GradingFixture
    /// What the command printed and how it exited.
    var outcome: GradingCommand.Outcome
    /// The files in the report folder after the run, sorted.
    var filesInReportFolder: [String]
    /// The JUnit XML, if written.
    var junit: Data?
    /// The Gradescope `results.json`, if written.
    var gradescope: Data?
    /// The Markdown summary, if written.
    var markdown: Data?

    /// The console's totals line, parsed.
    var totals: ConsoleTotals? { ConsoleTotals(consoleReport: outcome.standardOutput) }

    /// The Gradescope results, decoded.
    func gradescopeResults() throws -> GradescopeResults {
        guard let gradescope else { throw GradingCommand.Failure(description: "no Gradescope report was written") }
        return try JSONDecoder().decode(GradescopeResults.self, from: gradescope)
    }

    /// The JUnit XML, summarized.
    func junitSummary() throws -> JUnitSummary {
        guard let junit else { throw GradingCommand.Failure(description: "no JUnit report was written") }
        return try JUnitSummary(parsing: junit)
    }

    /// Grades `fixture` with every report into a fresh folder, and reads the reports back.
    static func grade(_ fixture: GradingFixture) async throws -> GradedFixture {
        let fileManager = FileManager.default
        let folder = fileManager.temporaryDirectory.appendingPathComponent("grade-e2e-\(fixture.rawValue)-\(UUID().uuidString)")
        try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? fileManager.removeItem(at: folder) }
        // A stale report from an earlier run, longer than any new one: the new report must replace it whole.
        try Data(repeating: UInt8(ascii: "x"), count: 4 << 20).write(to: folder.appendingPathComponent("junit.xml"))

        var arguments = fixture.arguments + ["--color", "never"]
        for (option, name) in reportNames.sorted(by: { $0.key < $1.key }) {
            arguments += [option, folder.appendingPathComponent(name).path]
        }
        let outcome = try await GradingCommand.run(arguments, environment: [GradingFixture.secretName: GradingFixture.secretValue])
        func report(_ name: String) -> Data? { try? Data(contentsOf: folder.appendingPathComponent(name)) }
        return GradedFixture(
            fixture: fixture, outcome: outcome,
            filesInReportFolder: try fileManager.contentsOfDirectory(atPath: folder.path).sorted(),
            junit: report("junit.xml"), gradescope: report("results.json"), markdown: report("summary.md"))
    }
}

/// The console report's last line: `Score: 140/151 points · 131 passed, 0 failed, 11 errors, 0 not implemented`,
/// or `build failed, N cases not run` when the submission did not compile.
struct ConsoleTotals: Sendable, Equatable {
    var score: Double
    var maxScore: Double
    var buildFailed: Bool
    var passed: Int
    var failed: Int
    var errors: Int
    var notImplemented: Int

    /// Cases whose verdict the report withholds, and their points: `2 hidden cases (4 points) not shown`.
    var withheld: Int
    var withheldPoints: Double

    /// Cases that never ran because the build failed: `build failed, 149 cases not run`.
    var notRun: Int

    /// Checks counted on the line.
    var checks: Int { passed + failed + errors + notImplemented + notRun }

    /// The totals line of a console report, or nil when it has none.
    init?(consoleReport: String) {
        let pattern = /Score: ([0-9.]+)\/([0-9.]+) points · (?:(\d+) passed, (\d+) failed, (\d+) errors?, (\d+) not implemented|build failed, (\d+) cases? not run)(?:, (\d+) hidden cases? \(([0-9.]+) points?\) not shown)?/
        guard let line = consoleReport.split(separator: "\n").last(where: { $0.hasPrefix("Score: ") }),
              let match = line.wholeMatch(of: pattern),
              let score = Double(match.1), let maxScore = Double(match.2)
        else { return nil }
        self.score = score
        self.maxScore = maxScore
        self.buildFailed = match.7 != nil
        self.passed = match.3.flatMap { Int($0) } ?? 0
        self.failed = match.4.flatMap { Int($0) } ?? 0
        self.errors = match.5.flatMap { Int($0) } ?? 0
        self.notImplemented = match.6.flatMap { Int($0) } ?? 0
        self.notRun = match.7.flatMap { Int($0) } ?? 0
        self.withheld = match.8.flatMap { Int($0) } ?? 0
        self.withheldPoints = match.9.flatMap { Double($0) } ?? 0
    }
}

/// Gradescope's `results.json`, the fields the tests read.
struct GradescopeResults: Decodable, Sendable {
    struct Test: Decodable, Sendable {
        var name: String
        var number: String
        var score: Double
        var max_score: Double
        var status: String
        var output: String
        var visibility: String
        var tags: [String]

        /// The component, the first tag.
        var component: String? { tags.first }
        /// The problem, the second tag, when the test did not pass.
        var problem: Problem? { tags.dropFirst().first.flatMap(Problem.init(rawValue:)) }
        /// The case name: the bracketed end of a shown test's name, or the whole name of a withheld one.
        var caseName: String {
            guard name.hasSuffix("]"), let open = name.lastIndex(of: "[") else { return name }
            return String(name[name.index(after: open)..<name.index(before: name.endIndex)])
        }
    }

    var score: Double
    var output: String
    var tests: [Test]

    /// The checks, without the entry that stands for the build.
    var checks: [Test] { tests.filter { $0.tags.first != "build" } }
    /// True for a check that never ran because the whole build failed (there is a build test);
    /// a file graded as the starter's stub is an error of its own cases.
    func neverRan(_ test: Test) -> Bool {
        test.problem == .buildFailure && test.component != "build" && tests.contains { $0.component == "build" }
    }
    /// The points available: the sum of every test's `max_score`.
    var maxScore: Double { tests.reduce(0) { $0 + $1.max_score } }
}
