import Foundation
import GradeKit

// Known mistakes of the score losses (multiclass-svm, squared-hinge, softmax,
// binary-cross-entropy): each is the reference with exactly one thing changed.

extension CataloguedMistake {
    static var scoreLosses: [CataloguedMistake] {
        [
            .init("multiclass-svm/includes-correct-class", SVMIncludingCorrectClass.self,
                  "Your loss sums over every class, including j = y_i, whose margin is always Δ: sum max(0, s_j − s_{y_i} + Δ) over j ≠ y_i only.",
                  idea: "The SVM loss compares each wrong class with the correct one."),
            .init("multiclass-svm/margin-fixed-at-one", SVMMarginFixedAtOne.self,
                  "Your loss uses Δ = 1 whatever the margin hyper-parameter says: use m_j = s_j − s_{y_i} + Δ with Δ = hyperparameters.margin.",
                  idea: "The margin Δ is a hyper-parameter of the SVM loss."),
            .init("multiclass-svm/sum-over-samples", SVMSumOverSamples.self,
                  "Your loss and gradient are sums over the N = {N} samples: divide both by N, L = (1/N) Σ_i L_i.",
                  idea: "The data loss is the mean of the per-sample losses."),
            .init("multiclass-svm/gradient-missing-n", SVMGradientMissingN.self,
                  "Your loss is the mean over samples but your gradient is not divided by N: ∂L/∂S = (per-sample gradient)/N.",
                  idea: "The gradient of a mean is the mean of the gradients."),
            .init("multiclass-svm/gradient-sign-flipped", SVMGradientSignFlipped.self,
                  "Your gradient has the opposite sign: ∂L_i/∂s_j = +1[m_j > 0] for j ≠ y_i and −#{j ≠ y_i : m_j > 0} at y_i.",
                  idea: "The gradient points uphill; descent subtracts it."),
            .init("multiclass-svm/no-correct-class-gradient", SVMWithoutCorrectClassGradient.self,
                  "Your gradient is 0 at the correct class: each active margin also depends on s_{y_i}, so ∂L_i/∂s_{y_i} = −#{j ≠ y_i : m_j > 0}.",
                  idea: "Every margin m_j = s_j − s_{y_i} + Δ depends on the correct-class score."),
            .init("multiclass-svm/float-precision", SVMInFloat.self,
                  "Your loss is computed in Float (about 7 digits): compute in Double, as every component of the course does.",
                  idea: "Gradient checks need double precision.", singlePrecision: true),

            .init("squared-hinge/gradient-missing-2", SquaredHingeGradientMissing2.self,
                  "Your gradient is max(0, m_j) where the derivative of max(0, m_j)² is 2·max(0, m_j).",
                  idea: "The squared hinge penalises violated margins quadratically."),
            .init("squared-hinge/hinge-gradient", SquaredHingeWithHingeGradient.self,
                  "Your gradient is the plain hinge's 1[m_j > 0], but the loss is squared: ∂/∂s_j max(0, m_j)² = 2·max(0, m_j).",
                  idea: "Squared hinge is a different loss from hinge, not a rescaling."),
            .init("squared-hinge/includes-correct-class", SquaredHingeIncludingCorrectClass.self,
                  "Your loss sums over every class, including j = y_i, whose margin is always Δ (adding Δ² per sample): sum over j ≠ y_i only.",
                  idea: "The SVM loss compares each wrong class with the correct one."),
            .init("squared-hinge/margin-fixed-at-one", SquaredHingeMarginFixedAtOne.self,
                  "Your loss uses Δ = 1 whatever the margin hyper-parameter says: use max(0, s_j − s_{y_i} + Δ)² with Δ = hyperparameters.margin.",
                  idea: "The margin Δ is a hyper-parameter of the SVM loss."),
            .init("squared-hinge/sum-over-samples", SquaredHingeSumOverSamples.self,
                  "Your loss and gradient are sums over the N = {N} samples: divide both by N, L = (1/N) Σ_i L_i.",
                  idea: "The data loss is the mean of the per-sample losses."),

            .init("softmax/log-base-10", SoftmaxLogBase10.self,
                  "Your loss uses log₁₀ (the lecture's 0.89): the course uses the natural log, L_i = −ln p_{y_i} (2.04 for the cat image).",
                  idea: "Cross-entropy is the negative natural log-likelihood."),
            .init("softmax/unstable-exp", SoftmaxUnstable.self,
                  "Your softmax exponentiates the raw scores, so e^1000 overflows to inf: subtract each row's maximum first, p = e^{s − max s} / Σ_j e^{s_j − max s}.",
                  idea: "Softmax is unchanged by shifting a row's scores, which keeps it finite."),
            .init("softmax/normalised-over-columns", SoftmaxOverColumns.self,
                  "Your softmax normalises each column (over samples) instead of each row: p_ij = e^{s_ij} / Σ_k e^{s_ik}, summing over the classes k of sample i.",
                  idea: "Softmax turns one sample's class scores into probabilities."),
            .init("softmax/sum-over-samples", SoftmaxSumOverSamples.self,
                  "Your loss and gradient are sums over the N = {N} samples: divide both by N, L = (1/N) Σ_i L_i.",
                  idea: "The data loss is the mean of the per-sample losses."),
            .init("softmax/gradient-missing-one-hot", SoftmaxGradientMissingOneHot.self,
                  "Your gradient is p alone: subtract 1 at the correct class, ∂L_i/∂S_i = p − onehot(y_i).",
                  idea: "Softmax keeps pushing the correct class up."),
            .init("softmax/gradient-missing-n", SoftmaxGradientMissingN.self,
                  "Your loss is the mean over samples but your gradient is not divided by N: ∂L/∂S = (p − onehot(y))/N.",
                  idea: "The gradient of a mean is the mean of the gradients."),
            .init("softmax/float-precision", SoftmaxInFloat.self,
                  "Your loss is computed in Float (about 7 digits): compute in Double, as every component of the course does.",
                  idea: "Gradient checks need double precision.", singlePrecision: true),

            .init("binary-cross-entropy/unstable-log", BinaryCrossEntropyUnstable.self,
                  "You take log σ(z) and log(1 − σ(z)) directly, which is log 0 = −inf for large |z|: use the stable max(z, 0) − z·y + log(1 + e^{−|z|}).",
                  idea: "Cross-entropy from logits must be computed stably."),
            .init("binary-cross-entropy/sum-over-samples", BinaryCrossEntropySumOverSamples.self,
                  "Your loss and gradient are sums over the N = {N} samples: divide both by N, L = (1/N) Σ_i L_i.",
                  idea: "The data loss is the mean of the per-sample losses."),
            .init("binary-cross-entropy/gradient-sign-flipped", BinaryCrossEntropyGradientSignFlipped.self,
                  "Your gradient is y − σ(z): the derivative of the loss with respect to the logit is σ(z) − y.",
                  idea: "The gradient points uphill; descent subtracts it."),
            .init("binary-cross-entropy/log-base-10", BinaryCrossEntropyLogBase10.self,
                  "Your loss uses log₁₀: the course uses the natural log, L_i = −[y ln σ(z) + (1 − y) ln(1 − σ(z))].",
                  idea: "Cross-entropy is the negative natural log-likelihood."),
            .init("binary-cross-entropy/labels-swapped", BinaryCrossEntropyLabelsSwapped.self,
                  "Your loss treats y = 1 as the negative class: L_i = −[y log σ(z) + (1 − y) log(1 − σ(z))], with σ(z) the probability of y = 1.",
                  idea: "σ(z) is the probability of the positive class."),
        ]
    }
}

// MARK: - multiclass-svm

/// The SVM summed over all classes, j = y_i included: `L_i = Σ_j max(0, s_j − s_{y_i} + Δ)` (Δ more per sample).
struct SVMIncludingCorrectClass: ScoreLoss {
    let margin: Double
    init(hyperparameters: Hyperparameters) { margin = hyperparameters.margin }
    func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        let n = scores.rows, c = scores.columns
        var gradient = Matrix.zeros(n, c)
        var total = 0.0
        for i in 0..<n {
            let y = labels[i]
            let correct = scores[i, y]
            for j in 0..<c {
                let m = scores[i, j] - correct + margin
                if m > 0 {
                    total += m
                    gradient[i, j] += 1
                    gradient[i, y] -= 1
                }
            }
        }
        let scale = 1 / Double(Swift.max(n, 1))
        return LossAndGradient(loss: total * scale, gradient: gradient * scale)
    }
}

/// The SVM with the margin hard-coded: `m_j = s_j − s_{y_i} + 1` whatever Δ is.
struct SVMMarginFixedAtOne: ScoreLoss {
    init(hyperparameters: Hyperparameters) {}
    func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        hingeLossAndGradient(scores: scores, labels: labels, margin: 1, penalty: { $0 }, derivative: { _ in 1 })
    }
}

/// The SVM summed over samples: `L = Σ_i L_i`, `∂L/∂S` without the `1/N`.
struct SVMSumOverSamples: ScoreLoss {
    let reference: MulticlassSVMLoss
    init(hyperparameters: Hyperparameters) { reference = MulticlassSVMLoss(hyperparameters: hyperparameters) }
    func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        reference.lossAndGradient(scores: scores, labels: labels).scaled(by: Double(scores.rows))
    }
}

/// The SVM whose gradient is not divided by N: `L = (1/N) Σ_i L_i` but `∂L/∂S = ∂L_i/∂S_i` for each row.
struct SVMGradientMissingN: ScoreLoss {
    let reference: MulticlassSVMLoss
    init(hyperparameters: Hyperparameters) { reference = MulticlassSVMLoss(hyperparameters: hyperparameters) }
    func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        var result = reference.lossAndGradient(scores: scores, labels: labels)
        result.gradient *= Double(scores.rows)
        return result
    }
}

/// The SVM with its gradient negated: `∂L_i/∂s_j = −1[m_j > 0]`, `+#{…}` at `y_i`.
struct SVMGradientSignFlipped: ScoreLoss {
    let reference: MulticlassSVMLoss
    init(hyperparameters: Hyperparameters) { reference = MulticlassSVMLoss(hyperparameters: hyperparameters) }
    func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        var result = reference.lossAndGradient(scores: scores, labels: labels)
        result.gradient = -result.gradient
        return result
    }
}

/// The SVM without the correct-class term of its gradient: `∂L_i/∂s_{y_i} = 0` instead of `−#{j ≠ y_i : m_j > 0}`.
struct SVMWithoutCorrectClassGradient: ScoreLoss {
    let margin: Double
    init(hyperparameters: Hyperparameters) { margin = hyperparameters.margin }
    func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        let n = scores.rows, c = scores.columns
        var gradient = Matrix.zeros(n, c)
        var total = 0.0
        for i in 0..<n {
            let y = labels[i]
            let correct = scores[i, y]
            for j in 0..<c where j != y {
                let m = scores[i, j] - correct + margin
                if m > 0 {
                    total += m
                    gradient[i, j] = 1
                }
            }
        }
        let scale = 1 / Double(Swift.max(n, 1))
        return LossAndGradient(loss: total * scale, gradient: gradient * scale)
    }
}

/// The SVM computed in single precision: the reference on `Float`-rounded scores, rounded to `Float`.
struct SVMInFloat: ScoreLoss {
    let reference: MulticlassSVMLoss
    init(hyperparameters: Hyperparameters) {
        var single = hyperparameters
        single.margin = single.margin.roundedToFloat
        reference = MulticlassSVMLoss(hyperparameters: single)
    }
    func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        reference.lossAndGradient(scores: scores.roundedToFloat, labels: labels).roundedToFloat
    }
}

// MARK: - squared-hinge

/// The squared hinge with the derivative's 2 left out: `∂L_i/∂s_j = max(0, m_j)`.
struct SquaredHingeGradientMissing2: ScoreLoss {
    let margin: Double
    init(hyperparameters: Hyperparameters) { margin = hyperparameters.margin }
    func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        hingeLossAndGradient(scores: scores, labels: labels, margin: margin, penalty: { $0 * $0 }, derivative: { $0 })
    }
}

/// The squared hinge with the plain hinge's gradient: `∂L_i/∂s_j = 1[m_j > 0]`.
struct SquaredHingeWithHingeGradient: ScoreLoss {
    let margin: Double
    init(hyperparameters: Hyperparameters) { margin = hyperparameters.margin }
    func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        hingeLossAndGradient(scores: scores, labels: labels, margin: margin, penalty: { $0 * $0 }, derivative: { _ in 1 })
    }
}

/// The squared hinge summed over all classes, j = y_i included: `L_i = Σ_j max(0, m_j)²` (Δ² more per sample).
struct SquaredHingeIncludingCorrectClass: ScoreLoss {
    let margin: Double
    init(hyperparameters: Hyperparameters) { margin = hyperparameters.margin }
    func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        let n = scores.rows, c = scores.columns
        var gradient = Matrix.zeros(n, c)
        var total = 0.0
        for i in 0..<n {
            let y = labels[i]
            let correct = scores[i, y]
            for j in 0..<c {
                let m = scores[i, j] - correct + margin
                if m > 0 {
                    total += m * m
                    gradient[i, j] += 2 * m
                    gradient[i, y] -= 2 * m
                }
            }
        }
        let scale = 1 / Double(Swift.max(n, 1))
        return LossAndGradient(loss: total * scale, gradient: gradient * scale)
    }
}

/// The squared hinge with the margin hard-coded: `max(0, s_j − s_{y_i} + 1)²` whatever Δ is.
struct SquaredHingeMarginFixedAtOne: ScoreLoss {
    init(hyperparameters: Hyperparameters) {}
    func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        hingeLossAndGradient(scores: scores, labels: labels, margin: 1, penalty: { $0 * $0 }, derivative: { 2 * $0 })
    }
}

/// The squared hinge summed over samples: `L = Σ_i L_i`, `∂L/∂S` without the `1/N`.
struct SquaredHingeSumOverSamples: ScoreLoss {
    let reference: SquaredHingeLoss
    init(hyperparameters: Hyperparameters) { reference = SquaredHingeLoss(hyperparameters: hyperparameters) }
    func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        reference.lossAndGradient(scores: scores, labels: labels).scaled(by: Double(scores.rows))
    }
}

// MARK: - softmax

/// Softmax cross-entropy with the base-10 logarithm: `L_i = −log₁₀ p_{y_i}`, gradient `(p − onehot(y))/N` unchanged.
struct SoftmaxLogBase10: ScoreLoss {
    init(hyperparameters: Hyperparameters) {}
    func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        let n = scores.rows
        let logP = RowSoftmax.logProbabilities(scores)
        var gradient = logP.map { exp($0) }
        var total = 0.0
        for i in 0..<n {
            total -= logP[i, labels[i]] / log(10.0)
            gradient[i, labels[i]] -= 1
        }
        let scale = 1 / Double(Swift.max(n, 1))
        return LossAndGradient(loss: total * scale, gradient: gradient * scale)
    }
}

/// Softmax without the shift by the row maximum: `p = e^s / Σ_j e^{s_j}`, which overflows for large scores.
struct SoftmaxUnstable: ScoreLoss {
    init(hyperparameters: Hyperparameters) {}
    func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        let n = scores.rows
        var gradient = scores.map { exp($0) }
        var total = 0.0
        for i in 0..<n {
            var rowSum = 0.0
            for j in 0..<scores.columns { rowSum += gradient[i, j] }
            for j in 0..<scores.columns { gradient[i, j] /= rowSum }
            total -= log(gradient[i, labels[i]])
            gradient[i, labels[i]] -= 1
        }
        let scale = 1 / Double(Swift.max(n, 1))
        return LossAndGradient(loss: total * scale, gradient: gradient * scale)
    }
}

/// Softmax normalised down each column: `p_ij = e^{s_ij} / Σ_k e^{s_kj}` (over samples, not classes).
struct SoftmaxOverColumns: ScoreLoss {
    init(hyperparameters: Hyperparameters) {}
    func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        let n = scores.rows
        let logP = RowSoftmax.logProbabilities(scores.transposed()).transposed()
        var gradient = logP.map { exp($0) }
        var total = 0.0
        for i in 0..<n {
            total -= logP[i, labels[i]]
            gradient[i, labels[i]] -= 1
        }
        let scale = 1 / Double(Swift.max(n, 1))
        return LossAndGradient(loss: total * scale, gradient: gradient * scale)
    }
}

/// Softmax cross-entropy summed over samples: `L = Σ_i L_i`, `∂L/∂S = p − onehot(y)`.
struct SoftmaxSumOverSamples: ScoreLoss {
    let reference: SoftmaxLoss
    init(hyperparameters: Hyperparameters) { reference = SoftmaxLoss(hyperparameters: hyperparameters) }
    func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        reference.lossAndGradient(scores: scores, labels: labels).scaled(by: Double(scores.rows))
    }
}

/// Softmax whose gradient leaves out the one-hot: `∂L/∂S = p/N`.
struct SoftmaxGradientMissingOneHot: ScoreLoss {
    init(hyperparameters: Hyperparameters) {}
    func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        let n = scores.rows
        let logP = RowSoftmax.logProbabilities(scores)
        let gradient = logP.map { exp($0) }
        var total = 0.0
        for i in 0..<n { total -= logP[i, labels[i]] }
        let scale = 1 / Double(Swift.max(n, 1))
        return LossAndGradient(loss: total * scale, gradient: gradient * scale)
    }
}

/// Softmax whose gradient is not divided by N: `∂L/∂S = p − onehot(y)` with the mean loss.
struct SoftmaxGradientMissingN: ScoreLoss {
    let reference: SoftmaxLoss
    init(hyperparameters: Hyperparameters) { reference = SoftmaxLoss(hyperparameters: hyperparameters) }
    func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        var result = reference.lossAndGradient(scores: scores, labels: labels)
        result.gradient *= Double(scores.rows)
        return result
    }
}

/// Softmax computed in single precision: the reference on `Float`-rounded scores, rounded to `Float`.
struct SoftmaxInFloat: ScoreLoss {
    let reference: SoftmaxLoss
    init(hyperparameters: Hyperparameters) { reference = SoftmaxLoss(hyperparameters: hyperparameters) }
    func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        reference.lossAndGradient(scores: scores.roundedToFloat, labels: labels).roundedToFloat
    }
}

// MARK: - binary-cross-entropy

/// Binary cross-entropy from `log σ(z)` and `log(1 − σ(z))` directly, which is `−inf` once σ rounds to 0 or 1.
struct BinaryCrossEntropyUnstable: ScoreLoss {
    init(hyperparameters: Hyperparameters) {}
    func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        let n = scores.rows
        var gradient = Matrix.zeros(like: scores)
        var total = 0.0
        for i in 0..<n {
            let z = scores[i, 0], y = Double(labels[i])
            let p = 1 / (1 + exp(-z))
            total -= y * log(p) + (1 - y) * log(1 - p)
            gradient[i, 0] = p - y
        }
        let scale = 1 / Double(Swift.max(n, 1))
        return LossAndGradient(loss: total * scale, gradient: gradient * scale)
    }
}

/// Binary cross-entropy summed over samples: `L = Σ_i L_i`, `∂L/∂z = σ(z) − y`.
struct BinaryCrossEntropySumOverSamples: ScoreLoss {
    let reference: BinaryCrossEntropyLoss
    init(hyperparameters: Hyperparameters) { reference = BinaryCrossEntropyLoss(hyperparameters: hyperparameters) }
    func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        reference.lossAndGradient(scores: scores, labels: labels).scaled(by: Double(scores.rows))
    }
}

/// Binary cross-entropy with its gradient negated: `∂L_i/∂z = y − σ(z)`.
struct BinaryCrossEntropyGradientSignFlipped: ScoreLoss {
    let reference: BinaryCrossEntropyLoss
    init(hyperparameters: Hyperparameters) { reference = BinaryCrossEntropyLoss(hyperparameters: hyperparameters) }
    func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        var result = reference.lossAndGradient(scores: scores, labels: labels)
        result.gradient = -result.gradient
        return result
    }
}

/// Binary cross-entropy with the base-10 logarithm: `L_i = −[y log₁₀ σ(z) + (1−y) log₁₀(1−σ(z))]`, gradient unchanged.
struct BinaryCrossEntropyLogBase10: ScoreLoss {
    init(hyperparameters: Hyperparameters) {}
    func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        let n = scores.rows
        var gradient = Matrix.zeros(like: scores)
        var total = 0.0
        for i in 0..<n {
            let z = scores[i, 0], y = Double(labels[i])
            total += (Swift.max(z, 0) - z * y + log1p(exp(-Swift.abs(z)))) / log(10.0)
            gradient[i, 0] = BinaryCrossEntropyLoss.sigmoid(z) - y
        }
        let scale = 1 / Double(Swift.max(n, 1))
        return LossAndGradient(loss: total * scale, gradient: gradient * scale)
    }
}

/// Binary cross-entropy with the label roles swapped: `L_i = −[(1−y) log σ(z) + y log(1−σ(z))]`, `∂L_i/∂z = σ(z) − (1 − y)`.
struct BinaryCrossEntropyLabelsSwapped: ScoreLoss {
    init(hyperparameters: Hyperparameters) {}
    func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        let n = scores.rows
        var gradient = Matrix.zeros(like: scores)
        var total = 0.0
        for i in 0..<n {
            let z = scores[i, 0], y = 1 - Double(labels[i])
            total += Swift.max(z, 0) - z * y + log1p(exp(-Swift.abs(z)))
            gradient[i, 0] = BinaryCrossEntropyLoss.sigmoid(z) - y
        }
        let scale = 1 / Double(Swift.max(n, 1))
        return LossAndGradient(loss: total * scale, gradient: gradient * scale)
    }
}
