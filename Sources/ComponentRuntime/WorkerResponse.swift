import GradeKit

/// A worker's answer: the outputs of each invocation, or why it had none.
public struct WorkerResponse: Sendable, Codable {
    /// The id of the request.
    public var id: Int
    /// One result per invocation, in order. Computing stops at the first failure.
    public var results: [WorkerResult]

    /// Creates a response.
    public init(id: Int, results: [WorkerResult]) {
        self.id = id
        self.results = results
    }
}
