import AssignmentFormat
import ComponentRuntime
import Foundation
import GradeResults

/// Grades a built submission: runs every selected case of an assignment through an
/// executor and turns each into a ``CheckResult``.
public struct Grader {
    /// The assignment.
    public let assignment: Assignment
    /// Runs student code (a supervised worker).
    public let executor: any InvocationExecutor
    /// Generates seeded inputs.
    public let generator: InputGenerator
    /// Selects cases; nil selects all.
    public let filter: CaseFilter?
    /// The trusted implementation expected values come from.
    public let oracle: ReferenceOracle

    /// Creates a grader.
    public init(assignment: Assignment, executor: any InvocationExecutor, runSeed: UInt64 = 0, filter: CaseFilter? = nil,
                oracle: ReferenceOracle = ReferenceOracle()) {
        self.assignment = assignment
        self.oracle = oracle
        self.executor = executor
        self.generator = InputGenerator(runSeed: runSeed)
        self.filter = filter
    }

    /// The cases the filter selects, in assignment order.
    public var selectedCases: [TestCase] {
        assignment.cases.filter { filter?.matches($0) ?? true }
    }

    /// The selected cases grouped by component, in the order components first appear and
    /// each component's cases in file order: consecutive cases of one component can share a
    /// worker. Reports list checks in assignment order whatever the order they ran in.
    var executionOrder: [TestCase] {
        let cases = selectedCases
        var firstAppearance: [String: Int] = [:]
        for (index, testCase) in cases.enumerated() where firstAppearance[testCase.component] == nil {
            firstAppearance[testCase.component] = index
        }
        return cases.enumerated().sorted { a, b in
            let (ca, cb) = (firstAppearance[a.element.component]!, firstAppearance[b.element.component]!)
            return ca != cb ? ca < cb : a.offset < b.offset
        }.map(\.element)
    }

    /// Grades every selected case. A build failure turns every case into an error that
    /// names it. Throws when a case itself cannot be graded (a fault of the case file).
    public func grade(submission: String, build: BuildOutcome,
                      progress: (CheckResult) -> Void = { _ in }) throws(CaseError) -> GradeRun {
        try checkHintConditions()
        let started = Date()
        let runner = CaseRunner(assignment: assignment, executor: executor, generator: generator, oracle: oracle)
        var notImplemented: [String: String] = [:]
        var timedOut: Set<String> = []
        // A submission that cannot start fails once, with the reason; every other case says it did not run.
        var startupFailure: String?
        var results: [String: [CheckResult]] = [:]
        for var testCase in executionOrder {
            let caseStarted = Date()
            // Code that hung once will most likely hang again: its other cases get a fifth of the
            // time (at least a second, far more than a working component needs).
            let shortened = timedOut.contains(testCase.component)
            if shortened { testCase.timeout = Swift.max(1, (testCase.timeout ?? assignment.defaultTimeout) / 5) }
            var outcome: CaseOutcome
            if !build.succeeded {
                let first = build.diagnostics.first(where: \.isError)
                outcome = CaseOutcome(status: .error, evaluation: .fail(.buildFailure,
                    "the submission did not compile" + (first.map { ": \($0.formatted)" } ?? "")), output: .init())
            } else if let startupFailure {
                outcome = CaseOutcome(status: .error, evaluation: .fail(.startupFailure,
                    "not run: the submission did not start; see case \(startupFailure)"), output: .init())
            } else if let reason = notImplemented[testCase.component] {
                outcome = CaseOutcome(status: .notImplemented, evaluation: .fail(.notImplemented, reason), output: .init())
            } else {
                outcome = try runner.evaluate(testCase)
                executor.finishCase()
                if outcome.evaluation.problem == .startupFailure { startupFailure = testCase.name }
                if outcome.status == .notImplemented { notImplemented[testCase.component] = outcome.evaluation.reason }
                if outcome.evaluation.problem == .timeout {
                    timedOut.insert(testCase.component)
                    if shortened, let reason = outcome.evaluation.reason {
                        outcome.evaluation.reason = reason + " (the time was shortened because an earlier case of \(testCase.component) timed out)"
                    }
                }
            }
            let e = outcome.evaluation
            let result = CheckResult(
                name: testCase.name, component: testCase.component, kind: testCase.kind.rawValue, title: testCase.title,
                visibility: testCase.visibility, points: testCase.points, status: outcome.status,
                problem: outcome.status == .passed ? nil : e.problem, reason: outcome.status == .passed ? nil : e.reason,
                misconception: e.misconception, idea: idea(of: e.mistakes),
                hint: Self.shownHint(of: testCase, outcome: outcome),
                comparisons: e.comparisons, output: outcome.output, duration: Date().timeIntervalSince(caseStarted))
            var withInputs = result
            if outcome.status == .failed || outcome.status == .error, build.succeeded {
                withInputs.inputs = SwiftLiteral.declarations(of: testCase, generator: generator)
                withInputs.reproducible = testCase.visibility == .visible && ReproPackage.refusal(for: testCase, in: assignment) == nil
            }
            results[testCase.component, default: []].append(withInputs)
            progress(withInputs)
        }
        attributeToDependencies(&results)
        let components = assignment.components.compactMap { spec -> ComponentResult? in
            guard let checks = results[spec.name] else { return nil }
            return ComponentResult(name: spec.name, title: spec.title, checks: checks)
        }
        return GradeRun(assignment: AssignmentSummary(id: assignment.id, title: assignment.title, withheldCases: assignment.withheldCases), submission: submission,
                        seed: generator.runSeed, build: build, components: components,
                        duration: Date().timeIntervalSince(started))
    }

    /// The lecture idea of the named mistakes, when they share one.
    private func idea(of mistakes: [String]) -> String? {
        let ideas = Set(oracle.mistakes.filter { mistakes.contains($0.key) }.map(\.idea))
        return ideas.count == 1 ? ideas.first : nil
    }

    /// The case's hint, when the failure shows the evidence it is about (``HintCondition``).
    ///
    /// A named known mistake is the strongest evidence: a hint about that mistake is shown
    /// beside its explanation, and every other hint gives way to it. Without one, a hint
    /// conditioned on a kind of failure is shown when the failure is of that kind, and a hint
    /// without conditions on every failure.
    static func shownHint(of testCase: TestCase, outcome: CaseOutcome) -> String? {
        let evaluation = outcome.evaluation
        guard outcome.status == .failed, evaluation.problem != .dependencyFailed, let hint = testCase.hint else { return nil }
        let named = !evaluation.mistakes.isEmpty
        let holds = testCase.hintWhen.isEmpty ? !named : testCase.hintWhen.contains { condition in
            guard case .mistake = condition else { return !named && condition.holds(problem: evaluation.problem, mistakes: [], component: testCase.component) }
            return condition.holds(problem: evaluation.problem, mistakes: evaluation.mistakes, component: testCase.component)
        }
        return holds ? hint : nil
    }

    /// Every mistake a hint is conditioned on is one the oracle can replay for the case's
    /// component. A student kit has no catalogue: there such a hint is simply never shown.
    private func checkHintConditions() throws(CaseError) {
        let known = Set(oracle.mistakes.map(\.key))
        guard !known.isEmpty else { return }
        for testCase in selectedCases {
            for case .mistake(let name) in testCase.hintWhen where !known.contains("\(testCase.component)/\(name)") {
                let names = known.filter { $0.hasPrefix(testCase.component + "/") }.map { String($0.dropFirst(testCase.component.count + 1)) }.sorted()
                throw CaseError(caseName: testCase.name, location: testCase.location,
                                message: "'hint_when' names '\(name)', which is not a known mistake of \(testCase.component)"
                                    + (names.isEmpty ? " (it has none)" : "; known: \(names.joined(separator: ", "))"))
            }
        }
    }

    /// A failure of a case that runs another of the submission's components, which fails its
    /// own cases, is that component's mistake seen through this one: the report says so
    /// instead of diagnosing the caller separately.
    private func attributeToDependencies(_ results: inout [String: [CheckResult]]) {
        let cases = Dictionary(selectedCases.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for (component, checks) in results {
            for index in checks.indices where checks[index].status == .failed {
                guard let testCase = cases[checks[index].name] else { continue }
                for dependency in assignment.dependencies(of: testCase) {
                    guard let failed = results[dependency]?.first(where: { $0.status == .failed || $0.status == .error }) else { continue }
                    let mistake = failed.misconception.map { " (\($0))" } ?? ""
                    results[component]![index].misconception =
                        "This case runs your \(dependency), which fails its own case \(failed.name)\(mistake): fix it first; the failure here is most likely that mistake, seen through \(component)."
                    results[component]![index].hint = nil
                    results[component]![index].idea = failed.idea
                    break
                }
            }
        }
    }
}
