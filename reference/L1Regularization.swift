import GradeKit

/// The L1 weight penalty, which drives weights to exactly 0.
///
/// `R(W) = Σ |W|`, `∂R/∂W = sign(W)` with `sign(0) = 0`.
public struct L1Regularization: Regularizer {
    /// Creates the penalty; it has no hyper-parameters.
    public init(hyperparameters: Hyperparameters) {}

    /// The penalty `Σ |W|` and its gradient `sign(W)`.
    public func penaltyAndGradient(weights: Matrix) -> LossAndGradient {
        // BEGIN SOLUTION
        LossAndGradient(loss: abs(weights).sum(), gradient: sign(weights))
        // END SOLUTION
    }
}
