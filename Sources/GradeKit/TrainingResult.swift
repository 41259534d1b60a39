/// What a training loop returns: the trained weights and the loss of every iteration.
public struct TrainingResult: Sendable, Hashable, Codable {
    /// The weights after the last iteration.
    public var weights: Matrix
    /// The minibatch loss of each iteration, in order (`iterations` values).
    public var lossHistory: [Double]

    /// Creates a training result.
    public init(weights: Matrix, lossHistory: [Double]) {
        self.weights = weights
        self.lossHistory = lossHistory
    }
}
