/// A regression loss between predictions `ŷ` and targets `y`, both N×K.
///
/// - `l2-loss` (squared, the Gaussian MLE): `L = (1/N) Σ_i ‖ŷ_i − y_i‖²`, `∂L/∂ŷ = 2(ŷ − y)/N`.
/// - `l1-loss` (absolute, the Laplace MLE, robust to outliers): `L = (1/N) Σ_i ‖ŷ_i − y_i‖₁`,
///   `∂L/∂ŷ = sign(ŷ − y)/N`, with `sign(0) = 0`.
public protocol RegressionLoss: Component {
    /// The mean loss over samples and its gradient with respect to the predictions.
    ///
    /// - Parameters:
    ///   - predictions: `ŷ`, N×K.
    ///   - targets: `y`, N×K.
    /// - Returns: `L` and `∂L/∂ŷ`, N×K.
    func lossAndGradient(predictions: Matrix, targets: Matrix) -> LossAndGradient
}

extension ComponentFamily {
    /// The components that conform to ``RegressionLoss``: `regression-loss` in case files.
    public static let regressionLoss = ComponentFamily("regression-loss")
}

extension RegressionLoss {
    /// ``ComponentFamily/regressionLoss``, whatever the conforming type.
    public static var family: ComponentFamily { .regressionLoss }
}
