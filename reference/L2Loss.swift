import GradeKit

/// The squared (L2) regression loss, the Gaussian maximum-likelihood loss, mean over samples.
///
/// `L = (1/N) Σ_i ‖ŷ_i − y_i‖²`, `∂L/∂ŷ = 2(ŷ − y)/N`.
public struct L2Loss: RegressionLoss {
    /// Creates the loss; it has no hyper-parameters.
    public init(hyperparameters: Hyperparameters) {}

    /// The mean squared error `(1/N) Σ_i ‖ŷ_i − y_i‖²` and its gradient `2(ŷ − y)/N`.
    public func lossAndGradient(predictions: Matrix, targets: Matrix) -> LossAndGradient {
        // BEGIN SOLUTION
        let difference = predictions - targets
        let scale = 1 / Double(Swift.max(predictions.rows, 1))
        return LossAndGradient(loss: (difference * difference).sum() * scale, gradient: difference * (2 * scale))
        // END SOLUTION
    }
}
