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
    /// the worker, and judges what they return.
    func evaluate(_ testCase: TestCase) throws(CaseError) -> CaseOutcome {
        let plan = try Self.plan(testCase.check, in: context(for: testCase))
        let invocations = Array(plan.invocations)
        switch run(invocations, for: testCase) {
        case .ended(let status, let problem, let reason, let output):
            return CaseOutcome(status: status, evaluation: .fail(problem, reason), output: output)
        case .outputs(let results, let output):
            let evaluation = plan.judge(results)
            return CaseOutcome(status: evaluation.passed ? .passed : .failed, evaluation: evaluation, output: output)
        }
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
        }
    }

    /// What the case's plan is built from.
    func context(for testCase: TestCase) throws(CaseError) -> CheckContext {
        guard let descriptor = assignment.descriptor(ofComponent: testCase.component) else {
            throw CaseError(caseName: testCase.name, location: testCase.location,
                            message: "component '\(testCase.component)' is not declared in assignment.yaml")
        }
        return CheckContext(testCase: testCase, descriptor: descriptor, inputs: generator.inputs(for: testCase),
                            seed: generator.seed(for: testCase), oracle: oracle, conventions: assignment.conventions)
    }

    func limits(for testCase: TestCase) -> CaseLimits {
        CaseLimits(timeout: testCase.timeout ?? assignment.defaultTimeout)
    }

    /// Runs invocations in the worker; a failure of any invocation ends the run.
    func run(_ invocations: [Invocation], for testCase: TestCase) -> Run {
        switch executor.execute(invocations, limits: limits(for: testCase)) {
        case .notImplemented(let detail, let output):
            let stub = NotImplementedMarker(detail)
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
                    if case .notRegistered(let component) = failure {
                        if component != testCase.component {
                            return .ended(.failed, .dependencyFailed,
                                          "this case runs your \(component), which is not implemented yet: \(failure.message)", output)
                        }
                        return .ended(.notImplemented, .notImplemented, failure.message, output)
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
