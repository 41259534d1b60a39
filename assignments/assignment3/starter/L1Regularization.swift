import GradeKit

/// The L1 weight penalty, registered as `l1-regularization`.
///
/// `R(W) = Σ |W|` and `∂R/∂W = sign(W)`, 0 at 0. It drives weights to exactly 0 (sparsity).
public struct L1Regularization: Regularizer {
    public init(hyperparameters: Hyperparameters) {}

    /// The penalty and its gradient with respect to the weights.
    ///
    /// - Parameter weights: `W`, any shape.
    /// - Returns: `R(W)` and `∂R/∂W`, with the shape of `W`.
    public func penaltyAndGradient(weights: Matrix) -> LossAndGradient {
        // TODO: R = np.abs(W).sum()  → abs(weights).sum();   dR = np.sign(W)  → sign(weights)
        notImplemented("L1Regularization.penaltyAndGradient")
    }
}
