import Foundation
import GradeKit

/// The softmax cross-entropy loss on class scores, mean over samples, numerically stable.
///
/// `L_i = −log(e^{s_{y_i}} / Σ_j e^{s_j}) = log Σ_j e^{s_j} − s_{y_i}`, `L = (1/N) Σ_i L_i`.
/// Gradient: `∂L_i/∂S_i = p − onehot(y_i)` with `p = softmax(S_i)`, divided by N.
/// Each row is shifted by its maximum, so `[1000, 9, 9, 9]` gives a finite loss.
public struct SoftmaxLoss: ScoreLoss {
    /// Creates the loss; it has no hyper-parameters.
    public init(hyperparameters: Hyperparameters) {}

    /// The mean cross-entropy `(1/N) Σ_i (log Σ_j e^{s_j} − s_{y_i})` and its gradient `(p − onehot(y))/N`.
    public func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        // BEGIN SOLUTION
        let n = scores.rows
        let logP = RowSoftmax.logProbabilities(scores)
        var gradient = logP.map { exp($0) }
        var total = 0.0
        for i in 0..<n {
            total -= logP[i, labels[i]]
            gradient[i, labels[i]] -= 1
        }
        let scale = 1 / Double(Swift.max(n, 1))
        return LossAndGradient(loss: total * scale, gradient: gradient * scale)
        // END SOLUTION
    }
}
