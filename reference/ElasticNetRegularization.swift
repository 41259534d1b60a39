import GradeKit

/// The elastic-net weight penalty, a blend of the L2 and L1 penalties.
///
/// `R(W) = Σ (β W² + |W|)`, `∂R/∂W = 2βW + sign(W)` with `sign(0) = 0`, β = ``Hyperparameters/beta``.
public struct ElasticNetRegularization: Regularizer {
    /// The weight β of the squared term.
    public let beta: Double

    /// Creates the penalty with β = ``Hyperparameters/beta``.
    public init(hyperparameters: Hyperparameters) { beta = hyperparameters.beta }

    /// The penalty `Σ (β W² + |W|)` and its gradient `2βW + sign(W)`.
    public func penaltyAndGradient(weights: Matrix) -> LossAndGradient {
        // BEGIN SOLUTION
        LossAndGradient(loss: (beta * (weights * weights) + abs(weights)).sum(),
                        gradient: (2 * beta) * weights + sign(weights))
        // END SOLUTION
    }
}
