import GradeKit

/// The pairwise (contrastive) loss of two embeddings, with `d` the Euclidean distance (not squared), mean over pairs.
///
/// `L(r0, r1, y) = y·d(r0, r1) + (1 − y)·max(0, m − d(r0, r1))`, with y = 1 for a positive
/// pair, y = 0 for a negative pair and m = ``Hyperparameters/margin``.
/// With `u = (r0 − r1)/d`: `∂L/∂r0 = y·u − (1 − y)·1[m − d > 0]·u`, `∂L/∂r1 = −∂L/∂r0`,
/// each divided by N. At `d = 0` the gradient of `d` is taken as 0, so `u = 0`.
public struct ContrastiveLoss: PairwiseLoss {
    /// The margin m of the negative-pair hinge.
    public let margin: Double

    /// Creates the loss with m = ``Hyperparameters/margin``.
    public init(hyperparameters: Hyperparameters) { margin = hyperparameters.margin }

    /// The mean of `y·d + (1 − y)·max(0, m − d)` and its gradients with respect to both embeddings.
    public func lossAndGradients(first: Matrix, second: Matrix, similar: [Int]) -> PairLossAndGradients {
        // BEGIN SOLUTION
        let n = first.rows, dims = first.columns
        var gradientFirst = Matrix.zeros(like: first)
        var total = 0.0
        for i in 0..<n {
            let y = Double(similar[i])
            let difference = (0..<dims).map { first[i, $0] - second[i, $0] }
            let d = difference.reduce(0) { $0 + $1 * $1 }.squareRoot()
            let gap = margin - d
            total += y * d + (1 - y) * Swift.max(0, gap)
            guard d > 0 else { continue }
            let coefficient = y - (1 - y) * (gap > 0 ? 1 : 0)
            for k in 0..<dims { gradientFirst[i, k] = coefficient * difference[k] / d }
        }
        let scale = 1 / Double(Swift.max(n, 1))
        gradientFirst *= scale
        return PairLossAndGradients(loss: total * scale, gradientFirst: gradientFirst, gradientSecond: -gradientFirst)
        // END SOLUTION
    }
}
