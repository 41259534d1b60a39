import Foundation
import GradeKit

/// The binary cross-entropy loss on N×1 logits with labels 0 or 1, mean over samples, numerically stable.
///
/// `L_i = −[y log σ(z) + (1−y) log(1−σ(z))]`, computed as `max(z, 0) − z·y + log1p(e^{−|z|})`
/// so that logits of ±1000 give finite values. Gradient: `∂L_i/∂z = σ(z) − y`, divided by N,
/// with σ evaluated on the side that does not overflow.
public struct BinaryCrossEntropyLoss: ScoreLoss {
    /// Creates the loss; it has no hyper-parameters.
    public init(hyperparameters: Hyperparameters) {}

    /// The mean of `max(z, 0) − z·y + log1p(e^{−|z|})` and its gradient `(σ(z) − y)/N`.
    public func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        // BEGIN SOLUTION
        let n = scores.rows
        var gradient = Matrix.zeros(like: scores)
        var total = 0.0
        for i in 0..<n {
            let z = scores[i, 0], y = Double(labels[i])
            total += Swift.max(z, 0) - z * y + log1p(exp(-Swift.abs(z)))
            gradient[i, 0] = Self.sigmoid(z) - y
        }
        let scale = 1 / Double(Swift.max(n, 1))
        return LossAndGradient(loss: total * scale, gradient: gradient * scale)
        // END SOLUTION
    }

    // BEGIN SOLUTION
    /// The logistic function `σ(z) = 1 / (1 + e^{−z})`, written as `e^z / (1 + e^z)` for negative z.
    static func sigmoid(_ z: Double) -> Double {
        if z >= 0 { return 1 / (1 + exp(-z)) }
        let e = exp(z)
        return e / (1 + e)
    }
    // END SOLUTION
}
