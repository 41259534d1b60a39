import GradeKit

/// The full objective of a linear softmax classifier, registered as `linear-softmax`:
/// `softmax_loss_vectorized(W, X, y, reg)`.
///
/// With `S = X·W`: `L(W) = (1/N) Σ_i L_i(S_i, y_i) + λ Σ W²` and
/// `∂L/∂W = Xᵀ·(∂data-loss/∂S) + 2λW`, where `L_i` is the softmax cross-entropy and
/// λ = ``Hyperparameters/regularization``.
public struct LinearSoftmax: LinearClassifierObjective {
    /// The data loss on the scores.
    let dataLoss: SoftmaxCrossEntropy
    /// The regularization strength λ. Default 0.
    let regularization: Double

    public init(hyperparameters: Hyperparameters) {
        dataLoss = SoftmaxCrossEntropy(hyperparameters: hyperparameters)
        regularization = hyperparameters.regularization
    }

    /// The regularized mean loss and its gradient with respect to the weights.
    ///
    /// - Parameters:
    ///   - weights: `W`, D×C.
    ///   - inputs: `X`, N×D (one sample a row).
    ///   - labels: `y`, N integers in `0..<C`.
    /// - Returns: `L(W)` and `∂L/∂W`, D×C.
    public func lossAndGradient(weights: Matrix, inputs: Matrix, labels: [Int]) -> LossAndGradient {
        // TODO: Exactly as `LinearSVM`, with the softmax data loss:
        //   scores = X.dot(W)  → inputs.dot(weights);   dW = X.T.dot(dS)  → inputs.T.dot(dS)
        //   then add λ Σ W² to the loss and 2λW to the gradient.
        // With small random W the loss should be close to log C (all scores nearly equal).
        notImplemented("LinearSoftmax.lossAndGradient")
    }
}
