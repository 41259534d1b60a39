import GradeKit

// File 1 of the recipe in docs/architecture.md: the protocol students conform to.

/// A loss on each entry of a matrix of residuals: `L = (1/N) Σ_i Σ_k ℓ(r_ik)`, with its
/// gradient `∂L/∂r_ik = ℓ′(r_ik) / N` (N rows, one a sample).
protocol PointwiseLoss: Component {
    /// The mean over rows of the summed entry losses, and its gradient, shaped like `residuals`.
    func lossAndGradient(residuals: Matrix) -> LossAndGradient
}

extension ComponentFamily {
    /// ``PointwiseLoss``: `pointwise-loss` in case files.
    static let pointwiseLoss = ComponentFamily("pointwise-loss")
}

extension PointwiseLoss {
    /// ``ComponentFamily/pointwiseLoss``.
    static var family: ComponentFamily { .pointwiseLoss }
}
