import AssignmentFormat
import ComponentRuntime
import GradeKit
import GradeResults
import GradingEngine

/// Runs invocations in process against a registry, then passes every output through
/// `rewrite`, as a worker whose answers cannot be trusted might return them: of another kind
/// or shape, non-finite, or missing (`rewrite` returns nil).
final class RewritingExecutor: InvocationExecutor {
    /// Rewrites output `name` of the invocation at `call` (its index in the batch).
    typealias Rewrite = (_ call: Int, _ name: String, _ value: Value) -> Value?

    private let inner: InProcessExecutor
    private let rewrite: Rewrite

    /// Creates an executor over `registry` whose outputs pass through `rewrite`.
    init(registry: ComponentRegistry = referenceRegistry(), rewrite: @escaping Rewrite) {
        inner = InProcessExecutor(registry: registry)
        self.rewrite = rewrite
    }

    func execute(_ invocations: [Invocation], limits: CaseLimits) -> ExecutionOutcome {
        guard case .completed(let results, let output) = inner.execute(invocations, limits: limits) else {
            return inner.execute(invocations, limits: limits)
        }
        let rewritten = results.enumerated().map { call, result -> WorkerResult in
            guard case .outputs(let values) = result else { return result }
            var outputs: Values = [:]
            // In name order, so that a seeded rewrite is reproducible.
            for (name, value) in values.sorted(by: { $0.key < $1.key }) {
                outputs[name] = rewrite(call, name, value)
            }
            return .outputs(outputs)
        }
        return .completed(rewritten, output: output)
    }
}

/// Grades `testCase` with `executor`.
func grade(_ testCase: TestCase, executor: any InvocationExecutor) throws(CaseError) -> CheckResult {
    let run = try Grader(assignment: testAssignment([testCase]), executor: executor).grade(submission: "untrusted", build: builtFine)
    return run.checks[0]
}
