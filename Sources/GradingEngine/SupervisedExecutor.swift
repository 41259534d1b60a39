import ComponentRuntime
import GradeResults
import Synchronization

/// Runs invocations in a supervised worker process, one request a case.
public final class SupervisedExecutor: InvocationExecutor, Sendable {
    /// The supervisor of the submission's worker.
    public let supervisor: WorkerSupervisor
    private let nextID = Atomic<Int>(1)

    /// Creates an executor over a supervisor.
    public init(supervisor: WorkerSupervisor) { self.supervisor = supervisor }

    public func finishCase() {
        supervisor.finishCase()
    }

    public func execute(_ invocations: [Invocation], limits: CaseLimits) -> ExecutionOutcome {
        let id = nextID.add(1, ordering: .relaxed).oldValue
        let request = WorkerRequest(id: id, invocations: invocations, cpuSeconds: limits.cpuSeconds)
        switch supervisor.run(request, timeout: limits.timeout, budget: limits.budget) {
        case .completed(let results, let output):
            return .completed(results, output: output)
        case .died(.notImplemented(let text), let output):
            return .notImplemented(text, output: output)
        case .died(let death, let output):
            return .died(death.problem, reason: death.reason, output: output)
        }
    }
}
