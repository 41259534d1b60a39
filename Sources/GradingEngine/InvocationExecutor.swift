import ComponentRuntime
import GradeResults

/// Runs a batch of invocations somewhere that student code may crash: in practice a
/// supervised worker process (``SupervisedExecutor``).
public protocol InvocationExecutor {
    /// Runs the invocations in order under the limits, and says how that went.
    func execute(_ invocations: [Invocation], limits: CaseLimits) -> ExecutionOutcome

    /// ``execute(_:limits:)``, where `drawn` are inputs the executor may draw again from
    /// their recipes instead of copying their entries.
    func execute(_ invocations: [Invocation], limits: CaseLimits, drawn: [DrawnMatrix]) -> ExecutionOutcome

    /// Called before a case's inputs are drawn, with the recipes of its large drawn inputs
    /// (``DrawnMatrix``): an executor may draw them meanwhile.
    func prepare(_ recipes: [DrawnMatrix.Recipe], component: String)

    /// Called after the last invocation of a case: nothing the case left behind may reach the next.
    func finishCase()
}

extension InvocationExecutor {
    /// Executors in the grader's process hold the inputs already.
    public func execute(_ invocations: [Invocation], limits: CaseLimits, drawn: [DrawnMatrix]) -> ExecutionOutcome {
        execute(invocations, limits: limits)
    }

    /// Executors in the grader's process use the grader's inputs.
    public func prepare(_ recipes: [DrawnMatrix.Recipe], component: String) {}

    /// Executors without state between cases have nothing to do.
    public func finishCase() {}
}
