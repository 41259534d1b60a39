import GradeKit

/// The squared hinge loss on class scores, mean over samples.
///
/// With `m_j = s_j − s_{y_i} + Δ` (Δ = ``Hyperparameters/margin``):
/// `L_i = Σ_{j≠y_i} max(0, m_j)²`, `L = (1/N) Σ_i L_i`.
/// Gradient: `∂L_i/∂s_j = 2·max(0, m_j)` for `j ≠ y_i`, and minus their sum at `y_i`,
/// all divided by N. It is a different loss from the hinge, not a rescaling of it.
public struct SquaredHingeLoss: ScoreLoss {
    /// The margin Δ.
    public let margin: Double

    /// Creates the loss with Δ = ``Hyperparameters/margin``.
    public init(hyperparameters: Hyperparameters) { margin = hyperparameters.margin }

    /// The mean squared hinge loss `(1/N) Σ_i Σ_{j≠y_i} max(0, m_j)²` and its gradient with respect to S.
    public func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        // BEGIN SOLUTION
        hingeLossAndGradient(scores: scores, labels: labels, margin: margin, penalty: { $0 * $0 }, derivative: { 2 * $0 })
        // END SOLUTION
    }
}
