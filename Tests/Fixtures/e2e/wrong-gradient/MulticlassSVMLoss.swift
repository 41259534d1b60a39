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
        let n = scores.rows, c = scores.columns
        var gradient = Matrix.zeros(n, c)
        var total = 0.0
        for i in 0..<n {
            let y = labels[i]
            let correct = scores[i, y]
            var active = 0.0
            for j in 0..<c where j != y {
                let m = scores[i, j] - correct + margin
                if m > 0 {
                    total += m
                    gradient[i, j] = 1
                    active += 1
                }
            }
            gradient[i, y] = -active
        }
        let scale = 1 / Double(Swift.max(n, 1))
        return LossAndGradient(loss: total * scale, gradient: gradient * scale)
    }
}
