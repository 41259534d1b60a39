import GradeKit

/// Minibatch stochastic gradient descent, registered as `sgd`: the training loop of
/// CS231n's `LinearClassifier.train`.
///
/// Each of the ``Hyperparameters/iterations`` iterations draws a minibatch of
/// ``Hyperparameters/batchSize`` indices from the sampler, evaluates the objective on those rows
/// of X and y, records the loss, and updates `W ← W − α · ∂L_batch/∂W`.
public struct MinibatchSGD: MinibatchTrainer {
    /// The learning rate α. Default 1e-3.
    let learningRate: Double
    /// The minibatch size. Default 32.
    let batchSize: Int
    /// The number of iterations. Default 100.
    let iterations: Int

    public init(hyperparameters: Hyperparameters) {
        learningRate = hyperparameters.learningRate
        batchSize = hyperparameters.batchSize
        iterations = hyperparameters.iterations
    }

    /// Trains the weights and returns them with the loss history.
    ///
    /// - Parameters:
    ///   - weights: the initial `W`, D×C.
    ///   - inputs: `X`, N×D.
    ///   - labels: `y`, N integers in `0..<C`.
    ///   - sampler: the seeded source of minibatch indices; use it for every batch.
    ///   - objective: the loss and `∂L/∂W` of a batch: `objective(W, X_batch, y_batch)`.
    /// - Returns: the final `W` and the `iterations` minibatch losses.
    public func train(
        weights: Matrix,
        inputs: Matrix,
        labels: [Int],
        sampler: inout MinibatchSampler,
        objective: (_ weights: Matrix, _ inputs: Matrix, _ labels: [Int]) -> LossAndGradient
    ) -> TrainingResult {
        // TODO: The loop of `LinearClassifier.train`:
        //   for it in range(num_iters):                           → for _ in 0..<iterations {
        //       idx = np.random.choice(num_train, batch_size)      →   let idx = sampler.nextBatch(size: batchSize)
        //       X_batch = X[idx]; y_batch = y[idx]                 →   inputs.rows(at: idx), idx.map { labels[$0] }
        //       loss, grad = self.loss(X_batch, y_batch, reg)      →   let r = objective(w, xBatch, yBatch)
        //       loss_history.append(loss)
        //       self.W -= learning_rate * grad
        //   return TrainingResult(weights: w, lossHistory: lossHistory)
        //
        // Draw exactly one batch per iteration, from `sampler` only (not `Int.random` or a
        // shuffle): the grader compares your run with the reference's on the same batches.
        // Record the loss before the update, and `iterations` losses in all.
        notImplemented("MinibatchSGD.train")
    }
}
