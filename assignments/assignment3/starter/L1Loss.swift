import GradeKit

/// The absolute (L1) regression loss, registered as `l1-loss`: the maximum-likelihood loss
/// under Laplace noise, and robust to outliers.
///
/// `L = (1/N) Σ_i ‖ŷ_i − y_i‖₁` and `∂L/∂ŷ = sign(ŷ − y)/N`, with `sign(0) = 0`.
public struct L1Loss: RegressionLoss {
    public init(hyperparameters: Hyperparameters) {}

    /// The mean absolute error over samples and its gradient with respect to the predictions.
    ///
    /// - Parameters:
    ///   - predictions: `ŷ`, N×K.
    ///   - targets: `y`, N×K.
    /// - Returns: `L` and `∂L/∂ŷ`, N×K.
    public func lossAndGradient(predictions: Matrix, targets: Matrix) -> LossAndGradient {
        // TODO: diff = yhat - y
        //       loss = np.abs(diff).sum() / N    → abs(diff).sum() / Double(predictions.rows)
        //       grad = np.sign(diff) / N         → sign(diff) / ...
        //
        // GradeKit's `sign` gives 0 at 0, as the convention asks. Divide by N (samples),
        // not by N·K (entries).
        notImplemented("L1Loss.lossAndGradient")
    }
}
