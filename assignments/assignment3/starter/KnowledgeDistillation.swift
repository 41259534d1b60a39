import Foundation
import GradeKit

/// The knowledge-distillation loss of Hinton et al. (NIPS 2014), registered as `distillation`.
///
/// With teacher logits `t`, student logits `z`, temperature T and weight α:
/// `L = α·T²·KL(softmax(t/T) ‖ softmax(z/T)) + (1 − α)·CE(z, y)`, mean over samples, and
/// `∂L/∂z = α·T·(softmax(z/T) − softmax(t/T)) + (1 − α)(softmax(z) − onehot(y))`, divided by N.
/// `KL(p ‖ q) = Σ_j p_j (log p_j − log q_j)`; `CE(z, y)` is the softmax cross-entropy.
public struct KnowledgeDistillation: DistillationLoss {
    /// The temperature T that softens both distributions. Default 4.
    let temperature: Double
    /// The weight α of the soft-target term. Default 0.5.
    let alpha: Double

    public init(hyperparameters: Hyperparameters) {
        temperature = hyperparameters.temperature
        alpha = hyperparameters.alpha
    }

    /// The mean distillation loss and its gradient with respect to the student's logits.
    ///
    /// - Parameters:
    ///   - studentLogits: `z`, N×C.
    ///   - teacherLogits: `t`, N×C.
    ///   - labels: `y`, N integers in `0..<C`.
    /// - Returns: `L` and `∂L/∂z`, N×C.
    public func lossAndGradient(studentLogits: Matrix, teacherLogits: Matrix, labels: [Int]) -> LossAndGradient {
        // TODO: Build it from row-wise softmaxes (shift by the row max, as in `SoftmaxCrossEntropy`):
        //   pT = softmax(teacherLogits / T),  qT = softmax(studentLogits / T),  p = softmax(studentLogits)
        //   soft_i = Σ_j pT_ij (log pT_ij − log qT_ij)       (take 0·log 0 as 0: skip pT_ij == 0,
        //                                                    or use the stable log-softmax)
        //   hard_i = −log p_{i, y_i}
        //   loss   = mean over i of  α·T²·soft_i + (1 − α)·hard_i
        //   grad   = (α·T·(qT − pT) + (1 − α)(p − onehot(y))) / N
        //
        // Classic mistakes: forgetting T² on the loss (it keeps the soft term's gradient on the
        // scale of the hard term's); writing T² in the gradient (d/dz of softmax(z/T) brings 1/T,
        // so the gradient carries T, not T²); KL in the wrong direction (the teacher is p).
        notImplemented("KnowledgeDistillation.lossAndGradient")
    }
}
