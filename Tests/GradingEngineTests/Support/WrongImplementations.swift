import Foundation
import GradeKit
import Reference

// Conformances graded by the tests: two correct SVMs written differently, and one
// deliberately wrong implementation per classic mistake the grader must recognise.

// MARK: - Correct, written differently from the reference

/// The multiclass SVM with explicit loops over samples and classes (`svm_loss_naive`).
struct LoopMulticlassSVM: ScoreLoss {
    let margin: Double
    init(hyperparameters: Hyperparameters) { margin = hyperparameters.margin }

    func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        let n = scores.rows
        var loss = 0.0
        var gradient = Matrix.zeros(n, scores.columns)
        for i in 0..<n {
            for j in 0..<scores.columns where j != labels[i] {
                let m = scores[i, j] - scores[i, labels[i]] + margin
                if m > 0 {
                    loss += m / Double(n)
                    gradient[i, j] += 1 / Double(n)
                    gradient[i, labels[i]] -= 1 / Double(n)
                }
            }
        }
        return LossAndGradient(loss: loss, gradient: gradient)
    }
}

/// The multiclass SVM with whole-matrix operations (`svm_loss_vectorized`).
struct VectorizedMulticlassSVM: ScoreLoss {
    let margin: Double
    init(hyperparameters: Hyperparameters) { margin = hyperparameters.margin }

    func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        let n = Double(scores.rows)
        let others = 1 - Matrix.oneHot(labels, classes: scores.columns)
        let margins = maximum(scores - scores.picking(labels) + margin, 0) * others
        let active = margins.map { $0 > 0 ? 1 : 0 }
        let gradient = active - Matrix.oneHot(labels, classes: scores.columns) * active.sum(axis: 1)
        return LossAndGradient(loss: margins.sum() / n, gradient: gradient / n)
    }
}

/// The multiclass SVM that takes the subgradient 1 at a kink (`m_j ≥ 0`): a valid
/// subgradient too, which a gradient check must not fail.
struct GreaterOrEqualSVM: ScoreLoss {
    let margin: Double
    init(hyperparameters: Hyperparameters) { margin = hyperparameters.margin }

    func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        let n = Double(scores.rows)
        let others = 1 - Matrix.oneHot(labels, classes: scores.columns)
        let raw = (scores - scores.picking(labels) + margin) * others
        let active = raw.zip(others) { $1 > 0 && $0 >= 0 ? 1 : 0 }
        let gradient = active - Matrix.oneHot(labels, classes: scores.columns) * active.sum(axis: 1)
        return LossAndGradient(loss: maximum(raw, 0).sum() / n, gradient: gradient / n)
    }
}

// MARK: - Score losses with a classic mistake

/// The SVM summed over samples instead of averaged (loss and gradient N times too large).
struct SummedSVM: ScoreLoss {
    let reference: MulticlassSVMLoss
    init(hyperparameters: Hyperparameters) { reference = MulticlassSVMLoss(hyperparameters: hyperparameters) }

    func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        let r = reference.lossAndGradient(scores: scores, labels: labels)
        return LossAndGradient(loss: r.loss * Double(scores.rows), gradient: r.gradient * Double(scores.rows))
    }
}

/// The SVM whose loss is a mean but whose gradient is not divided by N.
struct UndividedGradientSVM: ScoreLoss {
    let reference: MulticlassSVMLoss
    init(hyperparameters: Hyperparameters) { reference = MulticlassSVMLoss(hyperparameters: hyperparameters) }

    func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        let r = reference.lossAndGradient(scores: scores, labels: labels)
        return LossAndGradient(loss: r.loss, gradient: r.gradient * Double(scores.rows))
    }
}

/// The squared hinge with its gradient not divided by N (a mistake its catalogue does not hold).
struct UndividedGradientSquaredHinge: ScoreLoss {
    let reference: SquaredHingeLoss
    init(hyperparameters: Hyperparameters) { reference = SquaredHingeLoss(hyperparameters: hyperparameters) }

    func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        let r = reference.lossAndGradient(scores: scores, labels: labels)
        return LossAndGradient(loss: r.loss, gradient: r.gradient * Double(scores.rows))
    }
}

/// The SVM that sums over every class, j = y_i included (whose margin is always Δ).
struct AllClassesSVM: ScoreLoss {
    let margin: Double
    init(hyperparameters: Hyperparameters) { margin = hyperparameters.margin }

    func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        let n = Double(scores.rows)
        let margins = maximum(scores - scores.picking(labels) + margin, 0)
        let active = margins.map { $0 > 0 ? 1 : 0 }
        let gradient = active - Matrix.oneHot(labels, classes: scores.columns) * active.sum(axis: 1)
        return LossAndGradient(loss: margins.sum() / n, gradient: gradient / n)
    }
}

/// The SVM without the max(0, ·): satisfied margins count negatively.
struct UnclampedSVM: ScoreLoss {
    let margin: Double
    init(hyperparameters: Hyperparameters) { margin = hyperparameters.margin }

    func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        let n = Double(scores.rows)
        let others = 1 - Matrix.oneHot(labels, classes: scores.columns)
        let margins = (scores - scores.picking(labels) + margin) * others
        let gradient = others - Matrix.oneHot(labels, classes: scores.columns) * others.sum(axis: 1)
        return LossAndGradient(loss: margins.sum() / n, gradient: gradient / n)
    }
}

/// The reference SVM with its gradient wrong by 0.5 in entry [1, 2] alone.
struct OneEntryOffSVM: ScoreLoss {
    let reference: MulticlassSVMLoss
    init(hyperparameters: Hyperparameters) { reference = MulticlassSVMLoss(hyperparameters: hyperparameters) }

    func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        var r = reference.lossAndGradient(scores: scores, labels: labels)
        r.gradient[1, 2] += 0.5
        return r
    }
}

/// The reference SVM returning its gradient transposed, C×N.
struct TransposedGradientSVM: ScoreLoss {
    let reference: MulticlassSVMLoss
    init(hyperparameters: Hyperparameters) { reference = MulticlassSVMLoss(hyperparameters: hyperparameters) }

    func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        let r = reference.lossAndGradient(scores: scores, labels: labels)
        return LossAndGradient(loss: r.loss, gradient: r.gradient.T)
    }
}

/// Softmax with the base-10 logarithm: the lecture's 0.89 instead of 2.04.
struct BaseTenSoftmax: ScoreLoss {
    init(hyperparameters: Hyperparameters) {}

    func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        let r = SoftmaxLoss().lossAndGradient(scores: scores, labels: labels)
        return LossAndGradient(loss: r.loss / Foundation.log(10.0), gradient: r.gradient / Foundation.log(10.0))
    }
}

/// Softmax whose gradient is `onehot − p`, pointing uphill.
struct SignFlippedSoftmax: ScoreLoss {
    init(hyperparameters: Hyperparameters) {}

    func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        let r = SoftmaxLoss().lossAndGradient(scores: scores, labels: labels)
        return LossAndGradient(loss: r.loss, gradient: -r.gradient)
    }
}

/// Softmax that exponentiates the raw scores, without shifting each row by its maximum.
struct UnshiftedSoftmax: ScoreLoss {
    init(hyperparameters: Hyperparameters) {}

    func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        let e = exp(scores)
        let p = e / e.sum(axis: 1)
        let n = Double(scores.rows)
        let loss = -(0..<scores.rows).reduce(0.0) { $0 + Foundation.log(p[$1, labels[$1]]) } / n
        return LossAndGradient(loss: loss, gradient: (p - Matrix.oneHot(labels, classes: scores.columns)) / n)
    }
}

// MARK: - Objectives, optimizers and trainers with a classic mistake

/// The linear SVM objective whose data loss includes j = y_i.
struct AllClassesLinearSVM: LinearClassifierObjective {
    let loss: AllClassesSVM
    let regularization: Double
    init(hyperparameters: Hyperparameters) {
        loss = AllClassesSVM(hyperparameters: hyperparameters)
        regularization = hyperparameters.regularization
    }

    func lossAndGradient(weights: Matrix, inputs: Matrix, labels: [Int]) -> LossAndGradient {
        let r = loss.lossAndGradient(scores: inputs.dot(weights), labels: labels)
        return LossAndGradient(loss: r.loss + regularization * (weights * weights).sum(),
                               gradient: inputs.T.dot(r.gradient) + 2 * regularization * weights)
    }
}

/// Gradient descent with the learning rate hard-coded to 0.01, whatever the case asks for.
struct FixedRateGradientDescent: Optimizer {
    init(hyperparameters: Hyperparameters) {}
    mutating func step(parameters: inout Matrix, gradient: Matrix) { parameters -= 0.01 * gradient }
}

/// Adagrad with ε outside the square root, `α g / (sqrt(n) + ε)`.
struct EpsilonOutsideAdagrad: Optimizer {
    let learningRate: Double, epsilon: Double
    var squaredGradientSum: Matrix?
    init(hyperparameters: Hyperparameters) {
        learningRate = hyperparameters.learningRate
        epsilon = hyperparameters.epsilon
    }

    mutating func step(parameters: inout Matrix, gradient: Matrix) {
        let n = (squaredGradientSum ?? .zeros(like: parameters)) + gradient * gradient
        squaredGradientSum = n
        parameters -= learningRate * gradient / (sqrt(n) + epsilon)
    }
}

/// Adam without bias correction.
struct UncorrectedAdam: Optimizer {
    let h: Hyperparameters
    var m: Matrix?, v: Matrix?
    init(hyperparameters: Hyperparameters) { h = hyperparameters }

    mutating func step(parameters: inout Matrix, gradient: Matrix) {
        let m = h.beta1 * (self.m ?? .zeros(like: parameters)) + (1 - h.beta1) * gradient
        let v = h.beta2 * (self.v ?? .zeros(like: parameters)) + (1 - h.beta2) * gradient * gradient
        self.m = m
        self.v = v
        parameters -= h.learningRate * m / (sqrt(v) + h.epsilon)
    }
}

/// A training loop that records losses but never updates W.
struct FrozenTrainer: MinibatchTrainer {
    let h: Hyperparameters
    init(hyperparameters: Hyperparameters) { h = hyperparameters }

    func train(weights: Matrix, inputs: Matrix, labels: [Int], sampler: inout MinibatchSampler,
               objective: (Matrix, Matrix, [Int]) -> LossAndGradient) -> TrainingResult {
        let history = (0..<h.iterations).map { _ in
            let batch = sampler.nextBatch(size: h.batchSize)
            return objective(weights, inputs.rows(at: batch), batch.map { labels[$0] }).loss
        }
        return TrainingResult(weights: weights, lossHistory: history)
    }
}

/// The reference trainer, but reporting only every other loss.
struct ShortHistoryTrainer: MinibatchTrainer {
    let reference: MinibatchSGD
    init(hyperparameters: Hyperparameters) { reference = MinibatchSGD(hyperparameters: hyperparameters) }

    func train(weights: Matrix, inputs: Matrix, labels: [Int], sampler: inout MinibatchSampler,
               objective: (Matrix, Matrix, [Int]) -> LossAndGradient) -> TrainingResult {
        var r = reference.train(weights: weights, inputs: inputs, labels: labels, sampler: &sampler, objective: objective)
        r.lossHistory = r.lossHistory.enumerated().filter { $0.offset.isMultiple(of: 2) }.map(\.element)
        return r
    }
}

/// A training loop that climbs the gradient with a huge step until everything overflows.
struct ExplodingTrainer: MinibatchTrainer {
    let h: Hyperparameters
    init(hyperparameters: Hyperparameters) { h = hyperparameters }

    func train(weights: Matrix, inputs: Matrix, labels: [Int], sampler: inout MinibatchSampler,
               objective: (Matrix, Matrix, [Int]) -> LossAndGradient) -> TrainingResult {
        var w = weights
        var history: [Double] = []
        for _ in 0..<h.iterations {
            let batch = sampler.nextBatch(size: h.batchSize)
            let r = objective(w, inputs.rows(at: batch), batch.map { labels[$0] })
            history.append(r.loss)
            w = w * 1e100 + r.gradient
        }
        return TrainingResult(weights: w, lossHistory: history)
    }
}

// MARK: - Gradients the check must not be fooled by

/// The reference SVM, but NaN in the gradient wherever a margin is exactly 0.
struct NaNAtKinkSVM: ScoreLoss {
    let reference: MulticlassSVMLoss
    init(hyperparameters: Hyperparameters) { reference = MulticlassSVMLoss(hyperparameters: hyperparameters) }

    func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        var r = reference.lossAndGradient(scores: scores, labels: labels)
        for i in 0..<scores.rows {
            for j in 0..<scores.columns where j != labels[i] && scores[i, j] - scores[i, labels[i]] + reference.margin == 0 {
                r.gradient[i, j] = .nan
            }
        }
        return r
    }
}

/// Softmax whose loss is computed in single precision and whose gradient is always zero.
struct SinglePrecisionZeroGradientSoftmax: ScoreLoss {
    init(hyperparameters: Hyperparameters) {}

    func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        let r = SoftmaxLoss().lossAndGradient(scores: scores, labels: labels)
        return LossAndGradient(loss: Double(Float(r.loss)), gradient: .zeros(like: scores))
    }
}

/// The L1 penalty Σ |W| with a gradient of 5 everywhere, outside every subgradient of |w|.
struct ConstantGradientL1Regularization: Regularizer {
    init(hyperparameters: Hyperparameters) {}

    func penaltyAndGradient(weights: Matrix) -> LossAndGradient {
        LossAndGradient(loss: abs(weights).sum(), gradient: Matrix(rows: weights.rows, columns: weights.columns, repeating: 5))
    }
}

/// ‖W‖ where the course means Σ W²: not a sum of one term per weight.
struct NormRegularization: Regularizer {
    init(hyperparameters: Hyperparameters) {}
    func penaltyAndGradient(weights: Matrix) -> LossAndGradient {
        let norm = weights.elements.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return LossAndGradient(loss: norm, gradient: norm == 0 ? .zeros(like: weights) : weights / norm)
    }
}

/// The mean of |W| where the course means the sum.
struct MeanL1Regularization: Regularizer {
    init(hyperparameters: Hyperparameters) {}
    func penaltyAndGradient(weights: Matrix) -> LossAndGradient {
        let n = Double(max(weights.count, 1))
        return LossAndGradient(loss: weights.elements.reduce(0) { $0 + abs($1) } / n, gradient: sign(weights) / n)
    }
}
