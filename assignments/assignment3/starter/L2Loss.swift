import GradeKit

/// The squared (L2) regression loss, registered as `l2-loss`: the maximum-likelihood loss
/// under Gaussian noise.
///
/// `L = (1/N) Σ_i ‖ŷ_i − y_i‖²` and `∂L/∂ŷ = 2(ŷ − y)/N`, with ŷ and y both N×K.
public struct L2Loss: RegressionLoss {
    public init(hyperparameters: Hyperparameters) {}

    /// The mean squared error over samples and its gradient with respect to the predictions.
    ///
    /// - Parameters:
    ///   - predictions: `ŷ`, N×K.
    ///   - targets: `y`, N×K.
    /// - Returns: `L` and `∂L/∂ŷ`, N×K.
    public func lossAndGradient(predictions: Matrix, targets: Matrix) -> LossAndGradient {
        // TODO: diff = yhat - y                  → let diff = predictions - targets
        //       loss = (diff ** 2).sum() / N     → (diff * diff).sum() / Double(predictions.rows)
        //       grad = 2 * diff / N
        //
        // Classic mistake: `np.mean(diff ** 2)` divides by N·K, not by N. The norm sums over the
        // K outputs of a sample; only the samples are averaged.
        notImplemented("L2Loss.lossAndGradient")
    }
}
