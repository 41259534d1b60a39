import ComponentRuntime
import GradeKit
import GradeResults
import GradingEngine

/// Runs invocations in the test's own process against a registry, as a worker would, so that
/// in-process conformances (correct or deliberately wrong) can be graded without spawning one.
///
/// As in a worker, computing stops at the first failed invocation. Counts the batches it runs.
final class InProcessExecutor: InvocationExecutor {
    /// The conformances invocations run against.
    let registry: ComponentRegistry
    /// The number of batches run so far.
    private(set) var batches = 0
    /// The number of invocations run so far.
    private(set) var invocations = 0

    /// Creates an executor over a registry.
    init(registry: ComponentRegistry) { self.registry = registry }

    func execute(_ invocations: [Invocation], limits: CaseLimits) -> ExecutionOutcome {
        batches += 1
        self.invocations += invocations.count
        return TrustedExecutor(registry: registry).execute(invocations, limits: limits)
    }
}

/// Answers every batch with the same outcome, as a worker that crashes, hangs or stops at
/// `notImplemented()` would; counts the batches it was asked to run.
final class CannedExecutor: InvocationExecutor {
    /// The outcome of every batch.
    let outcome: ExecutionOutcome
    /// The number of batches run so far.
    private(set) var batches = 0
    /// The wall-clock limit of each batch, in order.
    private(set) var timeouts: [Double] = []

    /// Creates an executor that always answers `outcome`.
    init(_ outcome: ExecutionOutcome) { self.outcome = outcome }

    func execute(_ invocations: [Invocation], limits: CaseLimits) -> ExecutionOutcome {
        batches += 1
        timeouts.append(limits.timeout)
        return outcome
    }
}

/// Answers batches for some components with a canned outcome and runs the others in process.
final class RoutingExecutor: InvocationExecutor {
    /// The canned outcome by component name.
    let canned: [String: ExecutionOutcome]
    /// Runs the components that have no canned outcome.
    let fallback: InProcessExecutor
    /// The number of batches answered, by component name.
    private(set) var batches: [String: Int] = [:]

    /// Creates an executor; components not in `canned` run against `registry`.
    init(canned: [String: ExecutionOutcome], registry: ComponentRegistry) {
        self.canned = canned
        self.fallback = InProcessExecutor(registry: registry)
    }

    func execute(_ invocations: [Invocation], limits: CaseLimits) -> ExecutionOutcome {
        let component = invocations.first?.component ?? ""
        batches[component, default: 0] += 1
        return canned[component] ?? fallback.execute(invocations, limits: limits)
    }
}
