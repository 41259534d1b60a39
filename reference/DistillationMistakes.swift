import Foundation
import GradeKit

// Known mistakes of the knowledge-distillation loss: each is the reference with exactly one
// thing changed (and, where the loss changes, the gradient of the changed loss).

extension CataloguedMistake {
    static var distillation: [CataloguedMistake] {
        [
            .init("distillation/missing-t-squared", DistillationWithoutTSquared.self,
                  "Your soft-target term is α·KL without the T² factor, so its gradient shrinks as 1/T: use α·T²·KL(softmax(t/T) ‖ softmax(z/T)).",
                  idea: "T² keeps the soft targets' gradient on the scale of the hard targets' as T changes."),
            .init("distillation/kl-direction-swapped", DistillationKLSwapped.self,
                  "Your divergence is KL(student ‖ teacher): the distillation loss is KL(softmax(t/T) ‖ softmax(z/T)) = Σ_j q_j (log q_j − log p_j), weighted by the teacher's q.",
                  idea: "The student matches the teacher's soft targets: KL from the teacher's distribution."),
            .init("distillation/teacher-student-swapped", DistillationTeacherStudentSwapped.self,
                  "Your loss uses the teacher's logits where the student's belong (and the reverse): the gradient is with respect to the student's logits z, α·T·(softmax(z/T) − softmax(t/T)) + (1 − α)(softmax(z) − onehot(y)).",
                  idea: "Distillation trains the student; the teacher's logits are fixed targets."),
            .init("distillation/temperature-fixed-at-four", DistillationTemperatureFixed.self,
                  "Your loss uses T = 4 whatever the temperature hyper-parameter says: use T = hyperparameters.temperature.",
                  idea: "The temperature T is a hyper-parameter of distillation."),
            .init("distillation/hard-term-at-temperature", DistillationHardTermAtTemperature.self,
                  "Your cross-entropy with the labels uses softmax(z/T): the hard-target term is at temperature 1, (1 − α)·CE(softmax(z), y).",
                  idea: "Only the soft targets are softened by the temperature."),
            .init("distillation/alpha-on-wrong-term", DistillationAlphaSwapped.self,
                  "Your loss weights the soft term by 1 − α and the hard term by α: L = α·T²·KL + (1 − α)·CE.",
                  idea: "α weighs the teacher's soft targets against the true labels."),
            .init("distillation/sum-over-samples", DistillationSumOverSamples.self,
                  "Your loss and gradient are sums over the N = {N} samples: divide both by N, the loss is the mean over samples.",
                  idea: "The loss is the mean of the per-sample losses."),
        ]
    }
}

/// Distillation without the T² factor: `L = α·KL(q ‖ p_T) + (1 − α)·CE`, `∂L/∂z = α·(p_T − q)/T + (1 − α)(p − onehot)`.
struct DistillationWithoutTSquared: DistillationLoss {
    let temperature: Double
    let alpha: Double
    init(hyperparameters: Hyperparameters) {
        temperature = hyperparameters.temperature
        alpha = hyperparameters.alpha
    }
    func lossAndGradient(studentLogits: Matrix, teacherLogits: Matrix, labels: [Int]) -> LossAndGradient {
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
                gradient[i, j] = alpha / t * soft + (1 - alpha) * hard
            }
            total += alpha * divergence - (1 - alpha) * logStudent[i, labels[i]]
        }
        let scale = 1 / Double(Swift.max(n, 1))
        return LossAndGradient(loss: total * scale, gradient: gradient * scale)
    }
}

/// Distillation with the divergence reversed: `L = α·T²·KL(p_T ‖ q) + (1 − α)·CE`, p_T = softmax(z/T), q = softmax(t/T).
struct DistillationKLSwapped: DistillationLoss {
    let temperature: Double
    let alpha: Double
    init(hyperparameters: Hyperparameters) {
        temperature = hyperparameters.temperature
        alpha = hyperparameters.alpha
    }
    func lossAndGradient(studentLogits: Matrix, teacherLogits: Matrix, labels: [Int]) -> LossAndGradient {
        let n = studentLogits.rows, c = studentLogits.columns
        let t = temperature
        let logStudentSoft = RowSoftmax.logProbabilities(studentLogits / t)
        let logTeacherSoft = RowSoftmax.logProbabilities(teacherLogits / t)
        let logStudent = RowSoftmax.logProbabilities(studentLogits)
        var gradient = Matrix.zeros(n, c)
        var total = 0.0
        for i in 0..<n {
            // KL(p ‖ q) = Σ_j p_j (log p_j − log q_j); ∂/∂z_k = p_k (log p_k − log q_k − KL) / T.
            var divergence = 0.0
            for j in 0..<c { divergence += exp(logStudentSoft[i, j]) * (logStudentSoft[i, j] - logTeacherSoft[i, j]) }
            for j in 0..<c {
                let p = exp(logStudentSoft[i, j])
                let soft = p * (logStudentSoft[i, j] - logTeacherSoft[i, j] - divergence)
                let hard = exp(logStudent[i, j]) - (j == labels[i] ? 1 : 0)
                gradient[i, j] = alpha * t * soft + (1 - alpha) * hard
            }
            total += alpha * t * t * divergence - (1 - alpha) * logStudent[i, labels[i]]
        }
        let scale = 1 / Double(Swift.max(n, 1))
        return LossAndGradient(loss: total * scale, gradient: gradient * scale)
    }
}

/// Distillation with the teacher's and the student's logits swapped: the reference's `L(t, z, y)` and `∂L/∂t`.
struct DistillationTeacherStudentSwapped: DistillationLoss {
    let reference: KnowledgeDistillationLoss
    init(hyperparameters: Hyperparameters) { reference = KnowledgeDistillationLoss(hyperparameters: hyperparameters) }
    func lossAndGradient(studentLogits: Matrix, teacherLogits: Matrix, labels: [Int]) -> LossAndGradient {
        reference.lossAndGradient(studentLogits: teacherLogits, teacherLogits: studentLogits, labels: labels)
    }
}

/// Distillation with the temperature hard-coded: the reference with T = 4 whatever the hyper-parameter.
struct DistillationTemperatureFixed: DistillationLoss {
    let reference: KnowledgeDistillationLoss
    init(hyperparameters: Hyperparameters) {
        var fixed = hyperparameters
        fixed.temperature = 4
        reference = KnowledgeDistillationLoss(hyperparameters: fixed)
    }
    func lossAndGradient(studentLogits: Matrix, teacherLogits: Matrix, labels: [Int]) -> LossAndGradient {
        reference.lossAndGradient(studentLogits: studentLogits, teacherLogits: teacherLogits, labels: labels)
    }
}

/// Distillation whose hard term is at temperature T: `(1 − α)·CE(softmax(z/T), y)`, gradient `(1 − α)(p_T − onehot)/T`.
struct DistillationHardTermAtTemperature: DistillationLoss {
    let temperature: Double
    let alpha: Double
    init(hyperparameters: Hyperparameters) {
        temperature = hyperparameters.temperature
        alpha = hyperparameters.alpha
    }
    func lossAndGradient(studentLogits: Matrix, teacherLogits: Matrix, labels: [Int]) -> LossAndGradient {
        let n = studentLogits.rows, c = studentLogits.columns
        let t = temperature
        let logStudentSoft = RowSoftmax.logProbabilities(studentLogits / t)
        let logTeacherSoft = RowSoftmax.logProbabilities(teacherLogits / t)
        var gradient = Matrix.zeros(n, c)
        var total = 0.0
        for i in 0..<n {
            var divergence = 0.0
            for j in 0..<c {
                let q = exp(logTeacherSoft[i, j])
                divergence += q * (logTeacherSoft[i, j] - logStudentSoft[i, j])
                let soft = exp(logStudentSoft[i, j]) - q
                let hard = (exp(logStudentSoft[i, j]) - (j == labels[i] ? 1 : 0)) / t
                gradient[i, j] = alpha * t * soft + (1 - alpha) * hard
            }
            total += alpha * t * t * divergence - (1 - alpha) * logStudentSoft[i, labels[i]]
        }
        let scale = 1 / Double(Swift.max(n, 1))
        return LossAndGradient(loss: total * scale, gradient: gradient * scale)
    }
}

/// Distillation with the weights swapped: `L = (1 − α)·T²·KL(q ‖ p_T) + α·CE(z, y)`.
struct DistillationAlphaSwapped: DistillationLoss {
    let reference: KnowledgeDistillationLoss
    init(hyperparameters: Hyperparameters) {
        var swapped = hyperparameters
        swapped.alpha = 1 - hyperparameters.alpha
        reference = KnowledgeDistillationLoss(hyperparameters: swapped)
    }
    func lossAndGradient(studentLogits: Matrix, teacherLogits: Matrix, labels: [Int]) -> LossAndGradient {
        reference.lossAndGradient(studentLogits: studentLogits, teacherLogits: teacherLogits, labels: labels)
    }
}

/// Distillation summed over samples: `L = Σ_i L_i`, gradient without `1/N`.
struct DistillationSumOverSamples: DistillationLoss {
    let reference: KnowledgeDistillationLoss
    init(hyperparameters: Hyperparameters) { reference = KnowledgeDistillationLoss(hyperparameters: hyperparameters) }
    func lossAndGradient(studentLogits: Matrix, teacherLogits: Matrix, labels: [Int]) -> LossAndGradient {
        reference.lossAndGradient(studentLogits: studentLogits, teacherLogits: teacherLogits, labels: labels)
            .scaled(by: Double(studentLogits.rows))
    }
}
