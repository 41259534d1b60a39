import GradeKit

/// Minibatch stochastic gradient descent with a seeded sampler.
///
/// Each of the ``Hyperparameters/iterations`` iterations draws `B` = ``Hyperparameters/batchSize``
/// indices with `sampler.nextBatch(size: B)` (uniform, with replacement), evaluates the
/// objective on those rows, `(L_b, g_b) = objective(W, X[batch], y[batch])`, records `L_b`
/// and updates `W ← W − α g_b` with α = ``Hyperparameters/learningRate``.
public struct MinibatchSGD: MinibatchTrainer {
    /// The learning rate α.
    public let learningRate: Double
    /// The minibatch size B.
    public let batchSize: Int
    /// The number of iterations.
    public let iterations: Int

    /// Creates the trainer with α, B and the number of iterations from the hyper-parameters.
    public init(hyperparameters: Hyperparameters) {
        learningRate = hyperparameters.learningRate
        batchSize = hyperparameters.batchSize
        iterations = hyperparameters.iterations
    }

    /// Runs `iterations` steps of `W ← W − α ∂L_batch/∂W` and returns W with the minibatch losses.
    public func train(
        weights: Matrix,
        inputs: Matrix,
        labels: [Int],
        sampler: inout MinibatchSampler,
        objective: (_ weights: Matrix, _ inputs: Matrix, _ labels: [Int]) -> LossAndGradient
    ) -> TrainingResult {
        // BEGIN SOLUTION
        var w = weights
        var history: [Double] = []
        history.reserveCapacity(Swift.max(iterations, 0))
        for _ in 0..<Swift.max(iterations, 0) {
            let batch = sampler.nextBatch(size: batchSize)
            let result = objective(w, inputs.rows(at: batch), batch.map { labels[$0] })
            history.append(result.loss)
            w -= learningRate * result.gradient
        }
        return TrainingResult(weights: w, lossHistory: history)
        // END SOLUTION
    }
}
