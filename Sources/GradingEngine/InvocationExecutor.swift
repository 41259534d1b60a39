import ComponentRuntime
import GradeResults

/// Runs a batch of invocations somewhere that student code may crash: in practice a
/// supervised worker process (``SupervisedExecutor``).
public protocol InvocationExecutor {
    /// Runs the invocations in order under the limits, and says how that went.
    func execute(_ invocations: [Invocation], limits: CaseLimits) -> ExecutionOutcome
}
