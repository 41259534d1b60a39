import ComponentRuntime
import GradeResults

/// Runs a batch of invocations somewhere that student code may crash: in practice a
/// supervised worker process (``SupervisedExecutor``).
public protocol InvocationExecutor {
    /// Runs the invocations in order under the limits, and says how that went.
    func execute(_ invocations: [Invocation], limits: CaseLimits) -> ExecutionOutcome

    /// Called after the last invocation of a case: nothing the case left behind may reach the next.
    func finishCase()
}

extension InvocationExecutor {
    /// Executors without state between cases have nothing to do.
    public func finishCase() {}
}
