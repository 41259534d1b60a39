import GradeKit

/// The L2 weight penalty, registered as `l2-regularization`.
///
/// `R(W) = Σ W²` and `∂R/∂W = 2W`. It prefers weights spread over many inputs:
/// for x = [1, 1, 1, 1], w1 = [1, 0, 0, 0] and w2 = [0.25, 0.25, 0.25, 0.25] score x alike,
/// but R(w1) = 1 > R(w2) = 0.25.
public struct L2Regularization: Regularizer {
    public init(hyperparameters: Hyperparameters) {}

    /// The penalty and its gradient with respect to the weights.
    ///
    /// - Parameter weights: `W`, any shape.
    /// - Returns: `R(W)` and `∂R/∂W`, with the shape of `W`.
    public func penaltyAndGradient(weights: Matrix) -> LossAndGradient {
        // TODO: R = np.sum(W * W)  → (weights * weights).sum();   dR = 2 * W
        //
        // No λ here (the objective multiplies by λ), no ½ factor, and no mean: a plain sum.
        notImplemented("L2Regularization.penaltyAndGradient")
    }
}
