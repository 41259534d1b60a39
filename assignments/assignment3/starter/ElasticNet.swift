import GradeKit

/// The elastic-net weight penalty, registered as `elastic-net`: L2 and L1 together.
///
/// `R(W) = Σ (β W² + |W|)` and `∂R/∂W = 2βW + sign(W)`, with β = ``Hyperparameters/beta``.
public struct ElasticNet: Regularizer {
    /// The weight β of the squared term. Default 0.5.
    let beta: Double

    public init(hyperparameters: Hyperparameters) {
        beta = hyperparameters.beta
    }

    /// The penalty and its gradient with respect to the weights.
    ///
    /// - Parameter weights: `W`, any shape.
    /// - Returns: `R(W)` and `∂R/∂W`, with the shape of `W`.
    public func penaltyAndGradient(weights: Matrix) -> LossAndGradient {
        // TODO: R = np.sum(beta * W * W + np.abs(W));   dR = 2 * beta * W + np.sign(W)
        // β multiplies only the squared term.
        notImplemented("ElasticNet.penaltyAndGradient")
    }
}
