import GradeKit

/// The mean over samples of `Σ_{j≠y_i} φ(m_j)` for active margins `m_j = s_j − s_{y_i} + Δ > 0`,
/// and its gradient with respect to the scores: `φ′(m_j)` at each active `j`, minus their sum at
/// `y_i`, divided by N. Inactive margins (including the kink `m_j == 0`) contribute nothing.
///
/// The multiclass SVM uses `φ(m) = m`, the squared hinge `φ(m) = m²`.
func hingeLossAndGradient(scores: Matrix, labels: [Int], margin: Double,
                          penalty: (Double) -> Double, derivative: (Double) -> Double) -> LossAndGradient {
    let n: Double = scores.rows, c = scores.columns
    var gradient = Matrix.zeros(n, c)
    var total = 0.0
    for i in 0..<n {
        let y = labels[i]
        let correct = scores[i, y]
        var pull = 0.0
        for j in 0..<c where j != y {
            let m = scores[i, j] - correct + margin
            if m > 0 {
                total += penalty(m)
                gradient[i, j] = derivative(m)
                pull += derivative(m)
            }
        }
        gradient[i, y] = -pull
    }
    let scale = 1 / Double(Swift.max(n, 1))
    return LossAndGradient(loss: total * scale, gradient: gradient * scale)
}
