import GradeKit

/// A request from the grader to a worker: a batch of invocations run in order.
public struct WorkerRequest: Sendable, Codable {
    /// Identifies the request; the response carries it back.
    public var id: Int
    /// The invocations, run in order in one process.
    public var invocations: [Invocation]
    /// The CPU seconds the whole request may use.
    public var cpuSeconds: Int

    /// Creates a request.
    public init(id: Int, invocations: [Invocation], cpuSeconds: Int) {
        self.id = id
        self.invocations = invocations
        self.cpuSeconds = cpuSeconds
    }
}
