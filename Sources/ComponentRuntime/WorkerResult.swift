import GradeKit

/// The outcome of one invocation inside a worker.
public enum WorkerResult: Sendable, Codable {
    /// The raw outputs, for the grader to judge.
    case outputs(Values)
    /// The invocation could not run.
    case failure(InvocationFailure)
}
