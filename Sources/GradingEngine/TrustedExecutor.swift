import ComponentRuntime
import GradeKit
import GradeResults

/// Runs invocations in the grader's own process against trusted conformances: the reference,
/// or a known mistake of the catalogue, which the mutation score grades by the thousand.
/// Student code never runs here.
public struct TrustedExecutor: InvocationExecutor {
    private let invoker: ComponentInvoker

    /// Creates an executor over trusted conformances.
    public init(registry: ComponentRegistry, families: FamilyCatalog = .standard) {
        invoker = ComponentInvoker(registry: registry, families: families)
    }

    public func execute(_ invocations: [Invocation], limits: CaseLimits) -> ExecutionOutcome {
        var results: [WorkerResult] = []
        for invocation in invocations {
            do {
                results.append(.outputs(try invoker.invoke(invocation)))
            } catch {
                results.append(.failure(error))
                break
            }
        }
        return .completed(results, output: CapturedOutput())
    }
}
