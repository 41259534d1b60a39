import Foundation
import GradeKit

/// The softmax cross-entropy loss, registered as `softmax`.
///
/// `L_i = −log(e^{s_{y_i}} / Σ_j e^{s_j})` and `L = (1/N) Σ_i L_i`, with the natural logarithm.
/// The gradient of `L_i` is `p − onehot(y_i)` with `p = softmax(s)`; the gradient of the mean
/// divides by N.
///
/// The numpy counterparts are `softmax_loss_naive` and `softmax_loss_vectorized`, taken with
/// respect to the scores instead of W.
public struct SoftmaxCrossEntropy: ScoreLoss {
    public init(hyperparameters: Hyperparameters) {}

    /// The mean cross-entropy over samples and its gradient with respect to the scores.
    ///
    /// - Parameters:
    ///   - scores: `S`, N×C.
    ///   - labels: `y`, N integers in `0..<C`.
    /// - Returns: `L` and `∂L/∂S`, N×C.
    public func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        // TODO: Compute the loss and dS, as `softmax_loss_vectorized` does:
        //
        //   shifted = scores - scores.max(axis=1, keepdims=True)   → scores - scores.max(axis: 1)
        //   exp_s   = np.exp(shifted)                              → exp(shifted)
        //   p       = exp_s / exp_s.sum(axis=1, keepdims=True)     → expS / expS.sum(axis: 1)
        //   loss    = -np.log(p[range(N), y]).mean()               → -log(p.picking(labels)).mean()
        //   dS      = p; dS[range(N), y] -= 1; dS /= N              → (p - Matrix.oneHot(labels, classes: c)) / Double(n)
        //
        // Numeric stability: shift each row by its max before exp. Scores like [1000, 9, 9, 9]
        // overflow e^1000 otherwise; the test expects a finite loss. For the log, prefer the
        // log-sum-exp form  L_i = log Σ_j e^{shifted_j} − shifted_{y_i}  so that a tiny p never
        // becomes log(0).
        //
        // Classic mistakes: log base 10 (the lecture's 0.89 for the cat image is log10; with the
        // natural log it is 2.04); summing instead of taking the mean over N.
        //
        // Check: all scores equal give log C; [[10, -2, 3]] with label 0 gives ≈ 0.00092.
        notImplemented("SoftmaxCrossEntropy.lossAndGradient")
    }
}
