/// A weight penalty `R(W)` and its gradient.
///
/// - `l2-regularization`: `R = Σ W²`, `∂R = 2W`.
/// - `l1-regularization`: `R = Σ |W|`, `∂R = sign(W)` (0 at 0).
/// - `elastic-net`: `R = Σ (β W² + |W|)`, `∂R = 2βW + sign(W)`, β = ``Hyperparameters/beta``.
public protocol Regularizer: Component {
    /// The penalty and its gradient with respect to the weights.
    ///
    /// - Parameter weights: `W`, any shape.
    /// - Returns: `R(W)` and `∂R/∂W`, with the shape of `W`.
    func penaltyAndGradient(weights: Matrix) -> LossAndGradient
}

extension ComponentFamily {
    /// The components that conform to ``Regularizer``: `regularizer` in case files.
    public static let regularizer = ComponentFamily("regularizer")
}

extension Regularizer {
    /// ``ComponentFamily/regularizer``, whatever the conforming type.
    public static var family: ComponentFamily { .regularizer }
}
