import GradeKit

/// The L2 weight penalty, which spreads weight over many small entries.
///
/// `R(W) = Σ W²`, `∂R/∂W = 2W`.
public struct L2Regularization: Regularizer {
    /// Creates the penalty; it has no hyper-parameters.
    public init(hyperparameters: Hyperparameters) {}

    /// The penalty `Σ W²` and its gradient `2W`.
    public func penaltyAndGradient(weights: Matrix) -> LossAndGradient {
        // BEGIN SOLUTION
        LossAndGradient(loss: (weights * weights).sum(), gradient: weights * 2)
        // END SOLUTION
    }
}
