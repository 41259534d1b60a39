import ComponentRuntime
import GradeResults

/// Runs a batch of invocations somewhere that student code may crash: in practice a
/// supervised worker process (``SupervisedExecutor``).
public protocol InvocationExecutor {
    /// Runs the invocations in order under the limits, and says how that went.
    func execute(_ invocations: [Invocation], limits: CaseLimits) -> ExecutionOutcome
}

/// The limits one case runs under.
public struct CaseLimits: Sendable, Hashable {
    /// Wall-clock seconds.
    public var timeout: Double
    /// CPU seconds.
    public var cpuSeconds: Int

    /// Creates limits; the CPU budget defaults to the timeout rounded up, plus one.
    public init(timeout: Double, cpuSeconds: Int? = nil) {
        self.timeout = timeout
        self.cpuSeconds = cpuSeconds ?? Int(timeout.rounded(.up)) + 1
    }
}

/// How running a batch of invocations ended.
public enum ExecutionOutcome: Sendable {
    /// The worker answered: one result per invocation it ran.
    case completed([WorkerResult], output: CapturedOutput)
    /// Student code called `notImplemented()`.
    case notImplemented(String, output: CapturedOutput)
    /// The worker crashed, hung, hit a limit or gave no result.
    case died(Problem, reason: String, output: CapturedOutput)
}
