import Foundation
import GradeKit

/// The knowledge-distillation loss of Hinton et al. (NIPS 2014), mean over samples, numerically stable.
///
/// With teacher logits t, student logits z, temperature T = ``Hyperparameters/temperature``
/// and weight α = ``Hyperparameters/alpha``:
/// `L = α·T²·KL(softmax(t/T) ‖ softmax(z/T)) + (1 − α)·CE(z, y)`, where
/// `KL(q ‖ p) = Σ_j q_j (log q_j − log p_j)` and `CE(z, y) = −log softmax(z)_y`.
/// Gradient: `∂L/∂z = α·T·(softmax(z/T) − softmax(t/T)) + (1 − α)(softmax(z) − onehot(y))`, divided by N.
/// Every log-probability is a shifted log-softmax, so a teacher probability that underflows to 0 adds 0.
public struct KnowledgeDistillationLoss: DistillationLoss {
    /// The temperature T.
    public let temperature: Double
    /// The weight α of the soft-target term.
    public let alpha: Double

    /// Creates the loss with T = ``Hyperparameters/temperature`` and α = ``Hyperparameters/alpha``.
    public init(hyperparameters: Hyperparameters) {
        temperature = hyperparameters.temperature
        alpha = hyperparameters.alpha
    }

    /// The mean of `α·T²·KL(softmax(t/T) ‖ softmax(z/T)) + (1 − α)·CE(z, y)` and its gradient with respect to z.
    public func lossAndGradient(studentLogits: Matrix, teacherLogits: Matrix, labels: [Int]) -> LossAndGradient {
        // BEGIN SOLUTION
        let n = studentLogits.rows, c = studentLogits.columns
        let t = temperature
        let logStudentSoft = RowSoftmax.logProbabilities(studentLogits / t)
        let logTeacherSoft = RowSoftmax.logProbabilities(teacherLogits / t)
        let logStudent = RowSoftmax.logProbabilities(studentLogits)
        var gradient = Matrix.zeros(n, c)
        var total = 0.0
        for i in 0..<n {
            var divergence = 0.0
            for j in 0..<c {
                let q = exp(logTeacherSoft[i, j])
                divergence += q * (logTeacherSoft[i, j] - logStudentSoft[i, j])
                let soft = exp(logStudentSoft[i, j]) - q
                let hard = exp(logStudent[i, j]) - (j == labels[i] ? 1 : 0)
                gradient[i, j] = alpha * t * soft + (1 - alpha) * hard
            }
            total += alpha * t * t * divergence - (1 - alpha) * logStudent[i, labels[i]]
        }
        let scale = 1 / Double(Swift.max(n, 1))
        return LossAndGradient(loss: total * scale, gradient: gradient * scale)
        // END SOLUTION
    }
}
