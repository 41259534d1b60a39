import ComponentRuntime
import GradeResults
import Synchronization

/// Runs invocations in a supervised worker process, one request a case.
public final class SupervisedExecutor: InvocationExecutor, Sendable {
    /// The supervisor of the submission's worker.
    public let supervisor: WorkerSupervisor
    /// Names the submission's line where a worker crashed.
    public let locator: CrashLocator?
    private let nextID = Atomic<Int>(1)

    /// Creates an executor over a supervisor.
    public init(supervisor: WorkerSupervisor, locator: CrashLocator? = nil) {
        self.supervisor = supervisor
        self.locator = locator
    }

    public func finishCase() {
        supervisor.finishCase()
    }

    public func prepare(_ recipes: [DrawnMatrix.Recipe], component: String) {
        supervisor.prepare(recipes, component: component)
    }

    public func execute(_ invocations: [Invocation], limits: CaseLimits) -> ExecutionOutcome {
        execute(invocations, limits: limits, drawn: [])
    }

    /// Sends `drawn` as recipes the worker draws from (``DrawnMatrix``), not as their megabytes.
    public func execute(_ invocations: [Invocation], limits: CaseLimits, drawn: [DrawnMatrix]) -> ExecutionOutcome {
        let id = nextID.add(1, ordering: .relaxed).oldValue
        let request = WorkerRequest(id: id, invocations: invocations, cpuSeconds: limits.cpuSeconds, drawn: drawn)
        switch supervisor.run(request, timeout: limits.timeout, budget: limits.budget) {
        case .completed(let results, let output):
            return .completed(results, output: CrashLocator.removingFrames(output))
        case .died(.notImplemented(let text), let output):
            return .notImplemented(text, output: CrashLocator.removingFrames(output))
        case .died(let death, let output):
            guard case .crashed = death, let locator else {
                return .died(death.problem, reason: death.reason, output: CrashLocator.removingFrames(output))
            }
            let (cleaned, site) = locator.locate(output)
            return .died(death.problem, reason: death.reason + (site.map { "\n" + CheckResult.crashSitePrefix + $0.description } ?? ""), output: cleaned)
        }
    }
}
