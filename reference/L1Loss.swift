import GradeKit

/// The absolute (L1) regression loss, the Laplace maximum-likelihood loss, mean over samples.
///
/// `L = (1/N) Σ_i ‖ŷ_i − y_i‖₁`, `∂L/∂ŷ = sign(ŷ − y)/N` with `sign(0) = 0`. Its gradient
/// does not grow with the residual, which makes it robust to outliers.
public struct L1Loss: RegressionLoss {
    /// Creates the loss; it has no hyper-parameters.
    public init(hyperparameters: Hyperparameters) {}

    /// The mean absolute error `(1/N) Σ_i ‖ŷ_i − y_i‖₁` and its gradient `sign(ŷ − y)/N`.
    public func lossAndGradient(predictions: Matrix, targets: Matrix) -> LossAndGradient {
        // BEGIN SOLUTION
        let difference = predictions - targets
        let scale = 1 / Double(Swift.max(predictions.rows, 1))
        return LossAndGradient(loss: abs(difference).sum() * scale, gradient: sign(difference) * scale)
        // END SOLUTION
    }
}
