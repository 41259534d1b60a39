import GradeKit

/// The multiclass SVM (hinge) loss on class scores, mean over samples.
///
/// With `m_j = s_j − s_{y_i} + Δ` (Δ = ``Hyperparameters/margin``):
/// `L_i = Σ_{j≠y_i} max(0, m_j)`, `L = (1/N) Σ_i L_i`.
/// Gradient: `∂L_i/∂s_j = 1[m_j > 0]` for `j ≠ y_i`, `∂L_i/∂s_{y_i} = −#{j ≠ y_i : m_j > 0}`,
/// all divided by N. At a kink (`m_j == 0`) the subgradient is 0 (strict `>`).
public struct MulticlassSVMLoss: ScoreLoss {
    /// The margin Δ.
    public let margin: Double

    /// Creates the loss with Δ = ``Hyperparameters/margin``.
    public init(hyperparameters: Hyperparameters) { margin = hyperparameters.margin }

    /// The mean hinge loss `(1/N) Σ_i Σ_{j≠y_i} max(0, s_j − s_{y_i} + Δ)` and its gradient with respect to S.
    public func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        // BEGIN SOLUTION
        hingeLossAndGradient(scores: scores, labels: labels, margin: margin, penalty: { $0 }, derivative: { _ in 1 })
        // END SOLUTION
    }
}
