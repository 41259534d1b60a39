import Foundation
import GradeKit

/// The binary cross-entropy of a logit, registered as `binary-cross-entropy`.
///
/// Scores are N×1 logits `z`, labels are 0 or 1, and `σ(z) = 1 / (1 + e^{−z})`:
/// `L_i = −[y log σ(z) + (1 − y) log(1 − σ(z))]`, `L = (1/N) Σ_i L_i`, and
/// `∂L_i/∂z = σ(z) − y`; the gradient of the mean divides by N.
public struct BinaryCrossEntropy: ScoreLoss {
    public init(hyperparameters: Hyperparameters) {}

    /// The mean binary cross-entropy and its gradient with respect to the logits.
    ///
    /// - Parameters:
    ///   - scores: the logits `z`, N×1.
    ///   - labels: N labels, each 0 or 1.
    /// - Returns: `L` and `∂L/∂z`, N×1.
    public func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        // TODO: For each sample i, with z = scores[i, 0] and y = Double(labels[i]):
        //   loss_i = max(z, 0) - z * y + log(1 + exp(-abs(z)))     (the stable form of the formula)
        //   dz_i   = sigmoid(z) - y
        // then take the mean over N of the loss and divide the gradient by N.
        //
        // Numeric stability: never compute log(sigmoid(z)) directly; for z = -800, sigmoid(z)
        // is 0 and log gives -inf. Compute sigmoid stably too:
        //   z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z))
        notImplemented("BinaryCrossEntropy.lossAndGradient")
    }
}
