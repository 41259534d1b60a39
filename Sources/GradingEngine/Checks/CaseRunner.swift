import AssignmentFormat
import ComponentRuntime
import Foundation
import GradeKit
import GradeResults

/// Runs one case against the student's worker and judges the raw values it returns.
///
/// Expected values are computed here, in the grader (from the case file or the reference),
/// and never sent to the worker.
struct CaseRunner {
    let assignment: Assignment
    let executor: any InvocationExecutor
    let generator: InputGenerator
    let oracle: ReferenceOracle

    /// The result of running student code: raw outputs, or the way it ended early.
    enum Run {
        case outputs([Values], CapturedOutput)
        case ended(CheckStatus, Problem, String, CapturedOutput)
    }

    /// Runs one case of any kind: builds its check's plan, runs the plan's invocations in
    /// the worker in bounded batches, and judges what they return; a plan that asks for more
    /// is run in turn. Everything, the grader's own work between batches included, runs within
    /// the case's timeout.
    func evaluate(_ testCase: TestCase) throws(CaseError) -> CaseOutcome {
        // The worker draws the large inputs while the grader draws its own copy.
        executor.prepare(generator.recipes(for: testCase), component: testCase.component)
        let context = try context(for: testCase)
        var plan = try Self.plan(testCase.check, in: context)
        let limits = limits(for: testCase)
        let deadline = Monotonic.now() + limits.timeout
        var output = CapturedOutput()
        while true {
            var seconds: [Double] = []
            switch run(plan.invocations, for: testCase, limits: limits, until: deadline, output: &output,
                       requests: plan.timedRequests, seconds: &seconds, drawn: context.drawn) {
            case .ended(let status, let problem, let reason, _):
                return CaseOutcome(status: status, evaluation: .fail(problem, reason), output: output)
            case .outputs(let results, _):
                switch plan.next(results, seconds) {
                case .done(let evaluation):
                    return CaseOutcome(status: evaluation.passed ? .passed : .failed, evaluation: evaluation, output: output)
                case .more(let further):
                    plan = further
                }
            }
        }
    }

    /// The most invocations, and the most numbers, one request carries: a batch is sent, and
    /// its outputs read, before the next is produced.
    static let batchInvocations = 512
    static let batchNumbers = 1 << 21

    private static func numbers(in values: Values) -> Int {
        values.values.reduce(0) { $0 + $1.numberCount }
    }

    /// Runs `invocations` within `deadline`, in batches, or in requests of the sizes
    /// `requests` whose wall-clock seconds go to `seconds`; appends what student code printed
    /// to `output`. The first failure ends the run.
    func run(_ invocations: AnySequence<Invocation>, for testCase: TestCase, limits: CaseLimits, until deadline: Double,
             output: inout CapturedOutput, requests: [Int]? = nil, seconds: inout [Double], drawn: [DrawnMatrix]) -> Run {
        var results: [Values] = []
        var batch: [Invocation] = []
        var numbers = 0
        func send() -> Run? {
            defer { batch.removeAll(keepingCapacity: true); numbers = 0 }
            let remaining = deadline - Monotonic.now()
            guard remaining > 0 else {
                return .ended(.error, .timeout, WorkerDeath.timedOut(seconds: limits.budget).reason, output)
            }
            let left = CaseLimits(timeout: remaining, cpuSeconds: min(limits.cpuSeconds, Int(remaining.rounded(.up)) + 1),
                                  budget: limits.budget)
            let started = Monotonic.now()
            let ran = run(batch, for: testCase, limits: left, drawn: drawn)
            seconds.append(Monotonic.now() - started)
            switch ran {
            case .ended(let status, let problem, let reason, let printed):
                output.append(printed)
                return .ended(status, problem, reason, output)
            case .outputs(let values, let printed):
                output.append(printed)
                results += values
                return nil
            }
        }
        if let requests {
            var remaining = Array(invocations)[...]
            for size in requests {
                batch = Array(remaining.prefix(size))
                remaining = remaining.dropFirst(size)
                if let ended = send() { return ended }
            }
            return .outputs(results, output)
        }
        for invocation in invocations {
            let own = (invocation.variation?.size ?? 0) + 1
            var size = own + (batch.last?.inputs != invocation.inputs ? Self.numbers(in: invocation.inputs) : 0)
            if !batch.isEmpty && (batch.count >= Self.batchInvocations || numbers + size > Self.batchNumbers) {
                if let ended = send() { return ended }
                size = own + Self.numbers(in: invocation.inputs)
            }
            batch.append(invocation)
            numbers += size
        }
        if !batch.isEmpty, let ended = send() { return ended }
        return .outputs(results, output)
    }

    /// The plan of each kind of check.
    static func plan(_ check: Check, in context: CheckContext) throws(CaseError) -> CheckPlan {
        switch check {
        case .workedExample(let expected, let logBase): try ComparisonCheck.workedExample(context, expected: expected, logBase: logBase)
        case .reference(let recorded): try ComparisonCheck.reference(context, recorded: recorded)
        case .numericalGradient: try ComparisonCheck.numericalGradient(context)
        case .gradientCheck(let specs): try GradientCheck.plan(context, specs: specs)
        case .property(let property, let expected): try property.check.plan(context, expected: expected)
        case .convergence(let spec): ConvergenceCheck.plan(context, spec: spec)
        case .efficiency(let spec): try EfficiencyCheck.plan(context, spec: spec)
        }
    }

    /// What the case's plan is built from.
    func context(for testCase: TestCase) throws(CaseError) -> CheckContext {
        guard let descriptor = assignment.descriptor(ofComponent: testCase.component) else {
            throw CaseError(caseName: testCase.name, location: testCase.location,
                            message: "component '\(testCase.component)' is not declared in assignment.yaml")
        }
        let (inputs, drawn) = generator.drawn(for: testCase)
        return CheckContext(testCase: testCase, descriptor: descriptor, inputs: inputs, drawn: drawn,
                            seed: generator.seed(for: testCase), oracle: oracle, conventions: assignment.conventions)
    }

    func limits(for testCase: TestCase) -> CaseLimits {
        CaseLimits(timeout: testCase.timeout ?? assignment.defaultTimeout)
    }

    /// What the names a submission registers say about a component it did not register: the
    /// one that is most likely its misspelling, or those the assignment does not have. Names of
    /// the assignment's other components are never offered, since registering one of them is
    /// no mistake.
    func misspelling(of component: String, registered: [String]) -> String {
        let components = Set(assignment.components.map(\.name))
        let unknown = registered.filter { !components.contains($0) }
        guard !unknown.isEmpty else { return "" }
        if let near = NameSuggestion.nearest(to: component, among: unknown) {
            return "; it registers \"\(near)\", which \(assignment.id) does not have: did you mean \"\(component)\"?"
        }
        let listed = unknown.prefix(5).map { "\"\($0)\"" }.joined(separator: ", ") + (unknown.count > 5 ? ", …" : "")
        return "; it registers \(listed), which \(assignment.id) does not have (run `grade list \(assignment.id)` for the names)"
    }

    /// Runs one request of invocations in the worker; a failure of any invocation ends the run.
    func run(_ invocations: [Invocation], for testCase: TestCase, limits: CaseLimits, drawn: [DrawnMatrix]) -> Run {
        switch executor.execute(invocations, limits: limits, drawn: drawn) {
        case .notImplemented(let detail, let printed):
            let stub = NotImplementedMarker(detail)
            // The marker line is the worker telling the grader, not something the student printed.
            let output = printed.removingLines { $0.hasPrefix(notImplementedMarker) }
            if let owner = stub.component, owner != testCase.component {
                return .ended(.failed, .dependencyFailed,
                              "this case runs your \(owner), which is not implemented yet: \(stub.text)", output)
            }
            return .ended(.notImplemented, .notImplemented, "not implemented: \(stub.text)", output)
        case .died(let problem, let reason, let output):
            return .ended(.error, problem, reason, output)
        case .completed(let results, let output):
            var values: [Values] = []
            for result in results {
                switch result {
                case .outputs(let v): values.append(v)
                case .failure(let failure):
                    if case .notRegistered(let component, let registered) = failure {
                        let text = failure.message + misspelling(of: component, registered: registered)
                        if component != testCase.component {
                            return .ended(.failed, .dependencyFailed,
                                          "this case runs your \(component), which is not implemented yet: \(text)", output)
                        }
                        return .ended(.notImplemented, .notImplemented, text, output)
                    }
                    if case .resultTooLarge = failure {
                        // Like printing too much: the worker stopped before the grader could read anything.
                        return .ended(.error, .outputLimit, failure.message, output)
                    }
                    return .ended(.failed, .wrongValue, failure.message, output)
                }
            }
            guard values.count == invocations.count else {
                return .ended(.error, .missingResult, "the worker returned \(values.count) results for \(invocations.count) calls", output)
            }
            return .outputs(values, output)
        }
    }
}
