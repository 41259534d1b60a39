/// Minibatch stochastic gradient descent on an objective of weights, inputs and labels.
///
/// Each of the ``Hyperparameters/iterations`` iterations draws a minibatch with
/// `sampler.nextBatch(size: batchSize)` (``Hyperparameters/batchSize``), evaluates the
/// objective on those rows of X and y, records its loss, and updates
/// `W ← W − α · ∂L_batch/∂W` with α = ``Hyperparameters/learningRate``.
public protocol MinibatchTrainer: Component {
    /// Trains the weights and returns them with the loss history.
    ///
    /// - Parameters:
    ///   - weights: the initial `W`, D×C.
    ///   - inputs: `X`, N×D.
    ///   - labels: `y`, N integers in `0..<C`.
    ///   - sampler: the seeded source of minibatch indices; use it for every batch.
    ///   - objective: the loss and `∂L/∂W` of a batch: `objective(W, X_batch, y_batch)`.
    /// - Returns: the final `W` and the `iterations` minibatch losses.
    func train(
        weights: Matrix,
        inputs: Matrix,
        labels: [Int],
        sampler: inout MinibatchSampler,
        objective: (_ weights: Matrix, _ inputs: Matrix, _ labels: [Int]) -> LossAndGradient
    ) -> TrainingResult
}

extension ComponentFamily {
    /// The components that conform to ``MinibatchTrainer``: `minibatch-trainer` in case files.
    public static let minibatchTrainer = ComponentFamily("minibatch-trainer")
}

extension MinibatchTrainer {
    /// ``ComponentFamily/minibatchTrainer``, whatever the conforming type.
    public static var family: ComponentFamily { .minibatchTrainer }
}
