import ComponentRuntime
import GradeResults

/// How running a batch of invocations ended.
public enum ExecutionOutcome: Sendable {
    /// The worker answered: one result per invocation it ran.
    case completed([WorkerResult], output: CapturedOutput)
    /// Student code called `notImplemented()`.
    case notImplemented(String, output: CapturedOutput)
    /// The worker crashed, hung, hit a limit or gave no result.
    case died(Problem, reason: String, output: CapturedOutput)
}
