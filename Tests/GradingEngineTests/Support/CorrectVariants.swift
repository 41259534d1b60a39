import Foundation
import GradeKit
import Testing

/// A conformance of one assignment3 component, registered in place of the reference's.
struct ComponentVariant: Sendable, CustomTestStringConvertible {
    /// A short name for reports, such as `svm-naive-loops`.
    let name: String
    /// The component it implements, such as `multiclass-svm`.
    let component: String
    /// How it differs from `reference/`, in one sentence.
    let idea: String
    /// Registers the conformance under ``component``.
    let register: @Sendable (inout ComponentRegistry) -> Void

    init(_ name: String, _ component: String, _ idea: String, register: @escaping @Sendable (inout ComponentRegistry) -> Void) {
        self.name = name
        self.component = component
        self.idea = idea
        self.register = register
    }

    var testDescription: String { "\(name) (\(component))" }
}

/// Implementations of assignment3 that a good student could write: correct per the brief, but
/// structured differently from `reference/` (loops where it vectorises, whole-matrix operations
/// where it loops, another algebraic form of the same update). Grading must pass every one.
enum CorrectVariants {
    /// Correct per the brief; every case of the assignment must pass on every seed.
    static let all: [ComponentVariant] = [
        ComponentVariant("svm-naive-loops", "multiclass-svm",
                         "svm_loss_naive: a double loop that moves 1 from y_i to j for each active margin, divided at the end") {
            $0.register("multiclass-svm", NaiveLoopSVM.self)
        },
        ComponentVariant("svm-vectorised", "multiclass-svm",
                         "whole-matrix margins masked by 1 − onehot, gradient mask − onehot·(row counts)") {
            $0.register("multiclass-svm", MaskedMatrixSVM.self)
        },
        ComponentVariant("squared-hinge-row-loops", "squared-hinge",
                         "one row array at a time; the correct class gets minus the sum of the row's pulls") {
            $0.register("squared-hinge", RowLoopSquaredHinge.self)
        },
        ComponentVariant("softmax-log-sum-exp", "softmax",
                         "whole-matrix log-softmax: S − max − log Σ e^{S − max}, loss −log p_y from picking") {
            $0.register("softmax", LogSumExpSoftmax.self)
        },
        ComponentVariant("softmax-probabilities-first", "softmax",
                         "probabilities first, loss −log p_y; a p_y that underflows is taken in the log domain instead") {
            $0.register("softmax", ProbabilityFirstSoftmax.self)
        },
        ComponentVariant("bce-softplus", "binary-cross-entropy",
                         "y·softplus(−z) + (1 − y)·softplus(z), gradient (1 − y)σ(z) − yσ(−z) with σ(x) = e^{−softplus(−x)}") {
            $0.register("binary-cross-entropy", SoftplusBinaryCrossEntropy.self)
        },
        ComponentVariant("l2-loss-loops", "l2-loss", "explicit loops over samples and outputs") {
            $0.register("l2-loss", LoopL2Loss.self)
        },
        ComponentVariant("l1-loss-loops", "l1-loss", "explicit loops over samples and outputs, sign by comparison") {
            $0.register("l1-loss", LoopL1Loss.self)
        },
        ComponentVariant("contrastive-vectorised", "contrastive",
                         "whole-matrix: row distances by sum(axis: 1), one coefficient column broadcast over the differences") {
            $0.register("contrastive", MatrixContrastiveLoss.self)
        },
        ComponentVariant("triplet-vectorised", "triplet",
                         "whole-matrix: distance columns, an active-hinge mask, unit vectors by broadcasting") {
            $0.register("triplet", MatrixTripletLoss.self)
        },
        ComponentVariant("distillation-cross-entropy-minus-entropy", "distillation",
                         "loops over rows with a hand-written log-softmax; KL written as H(q, p) − H(q)") {
            $0.register("distillation", EntropyFormDistillation.self)
        },
        ComponentVariant("l2-regularization-reduce", "l2-regularization", "reduce over the entries, gradient by map") {
            $0.register("l2-regularization", ReducedL2Regularization.self)
        },
        ComponentVariant("l1-regularization-reduce", "l1-regularization", "reduce over the entries, sign by comparison") {
            $0.register("l1-regularization", ReducedL1Regularization.self)
        },
        ComponentVariant("elastic-net-composed", "elastic-net", "β times the L2 variant plus the L1 variant") {
            $0.register("elastic-net", ComposedElasticNet.self)
        },
        ComponentVariant("linear-svm-loops", "linear-svm",
                         "svm_loss_naive over samples: X·W by hand, dW columns updated with x_i for each active margin") {
            $0.register("linear-svm", LoopLinearSVM.self)
        },
        ComponentVariant("linear-softmax-loops", "linear-softmax",
                         "softmax_loss_naive over samples: X·W by hand, dW += x_i (p − onehot)") {
            $0.register("linear-softmax", LoopLinearSoftmax.self)
        },
        ComponentVariant("numerical-gradient-richardson", "numerical-gradient",
                         "fourth order (−f(x+2h) + 8f(x+h) − 8f(x−h) + f(x−2h)) / 12h") {
            $0.register("numerical-gradient", RichardsonGradient.self)
        },
        ComponentVariant("gradient-descent-entry-loop", "gradient-descent", "a loop over the entries") {
            $0.register("gradient-descent", EntryLoopGradientDescent.self)
        },
        ComponentVariant("momentum-sutskever", "momentum", "v ← ρv + g; W ← W − αv (the lecture's v divided by −α)") {
            $0.register("momentum", SutskeverMomentum.self)
        },
        ComponentVariant("nesterov-look-ahead", "nesterov",
                         "x ← W − ρv; v ← ρv − α∇f(W); x ← x + v; W ← x + ρv: W is the look-ahead point x + ρv") {
            $0.register("nesterov", LookAheadNesterov.self)
        },
        ComponentVariant("adagrad-entry-loop", "adagrad", "a [Double] cache and a loop over the entries") {
            $0.register("adagrad", EntryLoopAdagrad.self)
        },
        ComponentVariant("rmsprop-entry-loop", "rmsprop", "a [Double] cache and a loop over the entries") {
            $0.register("rmsprop", EntryLoopRMSProp.self)
        },
        ComponentVariant("adam-kingma-ba-efficient", "adam",
                         "α_t = α√(1−β2ᵗ)/(1−β1ᵗ), W ← W − α_t m/(√v + ε√(1−β2ᵗ)), powers kept as running products") {
            $0.register("adam", EfficientAdam.self)
        },
        ComponentVariant("step-decay-repeated-multiplication", "step-decay", "γ multiplied ⌊t/k⌋ times instead of pow") {
            $0.register("step-decay", RepeatedMultiplicationStepDecay.self)
        },
        ComponentVariant("sgd-while-loop", "sgd",
                         "a countdown loop that gathers the batch's rows by hand and updates W entry by entry") {
            $0.register("sgd", CountdownSGD.self)
        },
    ]

    /// Correct textbook forms that differ from the course's convention: graded and reported, not asserted.
    static let conventions: [ComponentVariant] = [
        ComponentVariant("adam-efficient-plain-epsilon", "adam",
                         "α_t = α√(1−β2ᵗ)/(1−β1ᵗ), W ← W − α_t m/(√v + ε): ε is effectively ε/√(1−β2ᵗ) in the standard form") {
            $0.register("adam", EfficientAdamPlainEpsilon.self)
        },
        ComponentVariant("adagrad-epsilon-outside-root", "adagrad", "W ← W − α g / (√n + ε) instead of the lecture's √(n + ε)") {
            $0.register("adagrad", EpsilonAfterRootAdagrad.self)
        },
    ]

    /// Correct per the brief but failed by the grader; each is reported with its analysis.
    static let knownFalseFailures: [ComponentVariant] = []
}

// MARK: - Score losses

/// `svm_loss_naive`: a double loop over samples and classes.
struct NaiveLoopSVM: ScoreLoss {
    let delta: Double
    init(hyperparameters: Hyperparameters) { delta = hyperparameters.margin }

    func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        var loss = 0.0
        var dS = Matrix.zeros(like: scores)
        for i in 0..<scores.rows {
            let yi = labels[i]
            for j in 0..<scores.columns {
                if j == yi { continue }
                let margin = scores[i, j] - scores[i, yi] + delta
                if margin > 0 {
                    loss += margin
                    dS[i, j] += 1
                    dS[i, yi] -= 1
                }
            }
        }
        let n = Double(max(scores.rows, 1))
        return LossAndGradient(loss: loss / n, gradient: dS / n)
    }
}

/// `svm_loss_vectorized`: margins of the whole matrix, masked so the correct class adds nothing.
struct MaskedMatrixSVM: ScoreLoss {
    let delta: Double
    init(hyperparameters: Hyperparameters) { delta = hyperparameters.margin }

    func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        let n = Double(max(scores.rows, 1))
        let correctClass = Matrix.oneHot(labels, classes: scores.columns)
        let margins = (scores - scores.picking(labels) + delta) * (1 - correctClass)
        let active = margins.map { $0 > 0 ? 1 : 0 }
        let gradient = active - correctClass * active.sum(axis: 1)
        return LossAndGradient(loss: maximum(margins, 0).sum() / n, gradient: gradient / n)
    }
}

/// The squared hinge one row array at a time.
struct RowLoopSquaredHinge: ScoreLoss {
    let delta: Double
    init(hyperparameters: Hyperparameters) { delta = hyperparameters.margin }

    func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        let n = Double(max(scores.rows, 1))
        var gradient = Matrix.zeros(like: scores)
        var loss = 0.0
        for i in 0..<scores.rows {
            let row = scores[row: i]
            let yi = labels[i]
            var pulls = [Double](repeating: 0, count: row.count)
            for (j, s) in row.enumerated() where j != yi {
                let hinge = max(0, s - row[yi] + delta)
                loss += hinge * hinge
                pulls[j] = 2 * hinge
            }
            pulls[yi] = -pulls.reduce(0, +)
            gradient[row: i] = pulls.map { $0 / n }
        }
        return LossAndGradient(loss: loss / n, gradient: gradient)
    }
}

/// Softmax cross-entropy as a whole-matrix log-softmax, `S − max − log Σ e^{S − max}`.
struct LogSumExpSoftmax: ScoreLoss {
    init(hyperparameters: Hyperparameters) {}

    func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        let n = Double(max(scores.rows, 1))
        let shifted = scores - scores.max(axis: 1)
        let logProbabilities = shifted - log(exp(shifted).sum(axis: 1))
        let loss = -logProbabilities.picking(labels).sum() / n
        let gradient = (exp(logProbabilities) - Matrix.oneHot(labels, classes: scores.columns)) / n
        return LossAndGradient(loss: loss, gradient: gradient)
    }
}

/// Softmax cross-entropy from the probabilities, `−log p_y`.
///
/// A plain clamp such as `max(p_y, tiny)` would cap the loss near 745 (`[1000, 9, 9, 9]` with
/// label 1 has loss 991), so a `p_y` that is not a normal number is taken in the log domain,
/// `log Σ e^{s − max} − (s_y − max)`, the value it stands for.
struct ProbabilityFirstSoftmax: ScoreLoss {
    init(hyperparameters: Hyperparameters) {}

    func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        let n = Double(max(scores.rows, 1))
        var gradient = Matrix.zeros(like: scores)
        var loss = 0.0
        for i in 0..<scores.rows {
            let row = scores[row: i]
            let top = row.max() ?? 0
            let unnormalised = row.map { exp($0 - top) }
            let total = unnormalised.reduce(0, +)
            var p = unnormalised.map { $0 / total }
            let correct = p[labels[i]]
            loss += correct >= Double.leastNormalMagnitude ? -log(correct) : log(total) - (row[labels[i]] - top)
            p[labels[i]] -= 1
            gradient[row: i] = p.map { $0 / n }
        }
        return LossAndGradient(loss: loss / n, gradient: gradient)
    }
}

/// Binary cross-entropy as softplus terms, `−log σ(z) = softplus(−z)`, `−log(1 − σ(z)) = softplus(z)`.
struct SoftplusBinaryCrossEntropy: ScoreLoss {
    init(hyperparameters: Hyperparameters) {}

    /// `log(1 + e^x)`, stable for large |x|.
    static func softplus(_ x: Double) -> Double { max(x, 0) + log1p(exp(-abs(x))) }

    /// `σ(x) = e^{−softplus(−x)}`, which never overflows.
    static func sigmoid(_ x: Double) -> Double { exp(-softplus(-x)) }

    func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        let n = Double(max(scores.rows, 1))
        var loss = 0.0
        var gradient = Matrix.zeros(like: scores)
        for i in 0..<scores.rows {
            let z = scores[i, 0], y = Double(labels[i])
            loss += y * Self.softplus(-z) + (1 - y) * Self.softplus(z)
            gradient[i, 0] = ((1 - y) * Self.sigmoid(z) - y * Self.sigmoid(-z)) / n
        }
        return LossAndGradient(loss: loss / n, gradient: gradient)
    }
}

// MARK: - Regression losses

/// The L2 loss with loops over samples and outputs.
struct LoopL2Loss: RegressionLoss {
    init(hyperparameters: Hyperparameters) {}

    func lossAndGradient(predictions: Matrix, targets: Matrix) -> LossAndGradient {
        let n = Double(max(predictions.rows, 1))
        var loss = 0.0
        var gradient = Matrix.zeros(like: predictions)
        for i in 0..<predictions.rows {
            for k in 0..<predictions.columns {
                let residual = predictions[i, k] - targets[i, k]
                loss += residual * residual
                gradient[i, k] = 2 * residual / n
            }
        }
        return LossAndGradient(loss: loss / n, gradient: gradient)
    }
}

/// The L1 loss with loops over samples and outputs.
struct LoopL1Loss: RegressionLoss {
    init(hyperparameters: Hyperparameters) {}

    func lossAndGradient(predictions: Matrix, targets: Matrix) -> LossAndGradient {
        let n = Double(max(predictions.rows, 1))
        var loss = 0.0
        var gradient = Matrix.zeros(like: predictions)
        for i in 0..<predictions.rows {
            for k in 0..<predictions.columns {
                let residual = predictions[i, k] - targets[i, k]
                loss += abs(residual)
                gradient[i, k] = residual > 0 ? 1 / n : (residual < 0 ? -1 / n : 0)
            }
        }
        return LossAndGradient(loss: loss / n, gradient: gradient)
    }
}

// MARK: - Metric losses

/// The contrastive loss with whole-matrix operations.
struct MatrixContrastiveLoss: PairwiseLoss {
    let margin: Double
    init(hyperparameters: Hyperparameters) { margin = hyperparameters.margin }

    func lossAndGradients(first: Matrix, second: Matrix, similar: [Int]) -> PairLossAndGradients {
        let n = Double(max(first.rows, 1))
        let difference = first - second
        let distance = sqrt((difference * difference).sum(axis: 1))
        let y = Matrix(column: similar.map(Double.init))
        let hinge = maximum(margin - distance, 0)
        let loss = (y * distance + (1 - y) * hinge).sum() / n
        let active = hinge.map { $0 > 0 ? 1 : 0 }
        // ∂d/∂r0 = (r0 − r1)/d, taken as 0 at d = 0.
        let coefficient = (y - (1 - y) * active).zip(distance) { c, d in d > 0 ? c / d : 0 }
        let gradientFirst = difference * coefficient / n
        return PairLossAndGradients(loss: loss, gradientFirst: gradientFirst, gradientSecond: -gradientFirst)
    }
}

/// The triplet loss with whole-matrix operations.
struct MatrixTripletLoss: TripletLoss {
    let margin: Double
    init(hyperparameters: Hyperparameters) { margin = hyperparameters.margin }

    func lossAndGradients(anchors: Matrix, positives: Matrix, negatives: Matrix) -> TripletLossAndGradients {
        let n = Double(max(anchors.rows, 1))
        let toPositive = anchors - positives, toNegative = anchors - negatives
        let dp = sqrt((toPositive * toPositive).sum(axis: 1))
        let dn = sqrt((toNegative * toNegative).sum(axis: 1))
        let hinge = margin + dp - dn
        let active = hinge.map { $0 > 0 ? 1 : 0 }
        func inverse(_ d: Matrix) -> Matrix { d.map { $0 > 0 ? 1 / $0 : 0 } }
        let up = toPositive * (inverse(dp) * active) / n
        let un = toNegative * (inverse(dn) * active) / n
        return TripletLossAndGradients(loss: maximum(hinge, 0).sum() / n,
                                       gradientAnchors: up - un, gradientPositives: -up, gradientNegatives: un)
    }
}

// MARK: - Distillation

/// Distillation with loops over rows, a hand-written log-softmax, and `KL(q ‖ p) = H(q, p) − H(q)`.
struct EntropyFormDistillation: DistillationLoss {
    let temperature: Double
    let alpha: Double
    init(hyperparameters: Hyperparameters) {
        temperature = hyperparameters.temperature
        alpha = hyperparameters.alpha
    }

    /// `s − log Σ e^s`, shifted by the maximum.
    static func logSoftmax(_ row: [Double]) -> [Double] {
        let top = row.max() ?? 0
        let logTotal = top + log(row.reduce(0) { $0 + exp($1 - top) })
        return row.map { $0 - logTotal }
    }

    func lossAndGradient(studentLogits: Matrix, teacherLogits: Matrix, labels: [Int]) -> LossAndGradient {
        let n = Double(max(studentLogits.rows, 1))
        let t = temperature
        var gradient = Matrix.zeros(like: studentLogits)
        var loss = 0.0
        for i in 0..<studentLogits.rows {
            let z = studentLogits[row: i]
            let logStudentSoft = Self.logSoftmax(z.map { $0 / t })
            let logTeacherSoft = Self.logSoftmax(teacherLogits[row: i].map { $0 / t })
            let logStudent = Self.logSoftmax(z)
            var crossEntropy = 0.0, entropy = 0.0
            var row = [Double](repeating: 0, count: z.count)
            for j in z.indices {
                let q = exp(logTeacherSoft[j])
                crossEntropy -= q * logStudentSoft[j]
                entropy -= q * logTeacherSoft[j]
                let hardTarget: Double = j == labels[i] ? 1 : 0
                row[j] = (alpha * t * (exp(logStudentSoft[j]) - q) + (1 - alpha) * (exp(logStudent[j]) - hardTarget)) / n
            }
            loss += alpha * t * t * (crossEntropy - entropy) - (1 - alpha) * logStudent[labels[i]]
            gradient[row: i] = row
        }
        return LossAndGradient(loss: loss / n, gradient: gradient)
    }
}

// MARK: - Regularizers

/// `Σ W²` by reduce.
struct ReducedL2Regularization: Regularizer {
    init(hyperparameters: Hyperparameters) {}

    func penaltyAndGradient(weights: Matrix) -> LossAndGradient {
        LossAndGradient(loss: weights.elements.reduce(0) { $0 + $1 * $1 }, gradient: weights.map { 2 * $0 })
    }
}

/// `Σ |W|` by reduce.
struct ReducedL1Regularization: Regularizer {
    init(hyperparameters: Hyperparameters) {}

    func penaltyAndGradient(weights: Matrix) -> LossAndGradient {
        LossAndGradient(loss: weights.elements.reduce(0) { $0 + abs($1) },
                        gradient: weights.map { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) })
    }
}

/// Elastic net as `β·(L2 penalty) + (L1 penalty)`.
struct ComposedElasticNet: Regularizer {
    let beta: Double
    init(hyperparameters: Hyperparameters) { beta = hyperparameters.beta }

    func penaltyAndGradient(weights: Matrix) -> LossAndGradient {
        let squared = ReducedL2Regularization().penaltyAndGradient(weights: weights)
        let absolute = ReducedL1Regularization().penaltyAndGradient(weights: weights)
        return LossAndGradient(loss: beta * squared.loss + absolute.loss,
                               gradient: beta * squared.gradient + absolute.gradient)
    }
}

// MARK: - Linear classifiers

/// `svm_loss_naive(W, X, y, reg)`: loops over samples, scores by hand.
struct LoopLinearSVM: LinearClassifierObjective {
    let delta: Double
    let regularization: Double
    init(hyperparameters: Hyperparameters) {
        delta = hyperparameters.margin
        regularization = hyperparameters.regularization
    }

    func lossAndGradient(weights: Matrix, inputs: Matrix, labels: [Int]) -> LossAndGradient {
        let (samples, features, classes) = (inputs.rows, inputs.columns, weights.columns)
        var dW = Matrix.zeros(features, classes)
        var loss = 0.0
        for i in 0..<samples {
            var scores = [Double](repeating: 0, count: classes)
            for j in 0..<classes {
                for k in 0..<features { scores[j] += inputs[i, k] * weights[k, j] }
            }
            let yi = labels[i]
            for j in 0..<classes where j != yi {
                let margin = scores[j] - scores[yi] + delta
                guard margin > 0 else { continue }
                loss += margin
                for k in 0..<features {
                    dW[k, j] += inputs[i, k]
                    dW[k, yi] -= inputs[i, k]
                }
            }
        }
        let n = Double(max(samples, 1))
        var penalty = 0.0
        for k in 0..<features {
            for j in 0..<classes {
                penalty += weights[k, j] * weights[k, j]
                dW[k, j] = dW[k, j] / n + 2 * regularization * weights[k, j]
            }
        }
        return LossAndGradient(loss: loss / n + regularization * penalty, gradient: dW)
    }
}

/// `softmax_loss_naive(W, X, y, reg)`: loops over samples, scores by hand.
struct LoopLinearSoftmax: LinearClassifierObjective {
    let regularization: Double
    init(hyperparameters: Hyperparameters) { regularization = hyperparameters.regularization }

    func lossAndGradient(weights: Matrix, inputs: Matrix, labels: [Int]) -> LossAndGradient {
        let (samples, features, classes) = (inputs.rows, inputs.columns, weights.columns)
        var dW = Matrix.zeros(features, classes)
        var loss = 0.0
        for i in 0..<samples {
            var scores = [Double](repeating: 0, count: classes)
            for j in 0..<classes {
                for k in 0..<features { scores[j] += inputs[i, k] * weights[k, j] }
            }
            let top = scores.max() ?? 0
            let logTotal = log(scores.reduce(0) { $0 + exp($1 - top) }) + top
            loss += logTotal - scores[labels[i]]
            for j in 0..<classes {
                let dScore = exp(scores[j] - logTotal) - (j == labels[i] ? 1 : 0)
                for k in 0..<features { dW[k, j] += inputs[i, k] * dScore }
            }
        }
        let n = Double(max(samples, 1))
        var penalty = 0.0
        for k in 0..<features {
            for j in 0..<classes {
                penalty += weights[k, j] * weights[k, j]
                dW[k, j] = dW[k, j] / n + 2 * regularization * weights[k, j]
            }
        }
        return LossAndGradient(loss: loss / n + regularization * penalty, gradient: dW)
    }
}

// MARK: - Numerical gradient

/// Richardson-extrapolated centered differences, `(−f(x+2h) + 8f(x+h) − 8f(x−h) + f(x−2h)) / 12h`,
/// whose truncation error is O(h⁴).
struct RichardsonGradient: NumericalGradient {
    let h: Double
    init(hyperparameters: Hyperparameters) { h = hyperparameters.step }

    func gradient(of function: (Matrix) -> Double, at point: Matrix) -> Matrix {
        func shifted(_ k: Int, by offset: Double) -> Double {
            var x = point
            x.elements[k] += offset
            return function(x)
        }
        var gradient = Matrix.zeros(like: point)
        for k in 0..<point.count {
            let far = shifted(k, by: 2 * h) - shifted(k, by: -2 * h)
            let near = shifted(k, by: h) - shifted(k, by: -h)
            gradient.elements[k] = (8 * near - far) / (12 * h)
        }
        return gradient
    }
}

// MARK: - Optimizers

/// `W ← W − α g`, one entry at a time.
struct EntryLoopGradientDescent: Optimizer {
    let rate: Double
    init(hyperparameters: Hyperparameters) { rate = hyperparameters.learningRate }

    mutating func step(parameters: inout Matrix, gradient: Matrix) {
        for k in 0..<parameters.count { parameters.elements[k] -= rate * gradient.elements[k] }
    }
}

/// Sutskever's momentum, `v ← ρv + g; W ← W − αv`: the lecture's velocity divided by −α, so the
/// same trajectory for a constant α.
struct SutskeverMomentum: Optimizer {
    let rate: Double
    let rho: Double
    var accumulated: Matrix?
    init(hyperparameters: Hyperparameters) {
        rate = hyperparameters.learningRate
        rho = hyperparameters.momentum
    }

    mutating func step(parameters: inout Matrix, gradient: Matrix) {
        let v = rho * (accumulated ?? .zeros(like: gradient)) + gradient
        accumulated = v
        parameters = parameters - rate * v
    }
}

/// Nesterov in the look-ahead form of Sutskever et al. (2013): the weights x move by
/// `v ← ρv − α∇f(x + ρv); x ← x + v`, and the parameters exchanged are the look-ahead point
/// `W = x + ρv`, where the gradient is taken. With `W = x + ρv` this is the lecture's
/// `W ← W − ρ v_prev + (1 + ρ) v` exactly.
struct LookAheadNesterov: Optimizer {
    let rate: Double
    let rho: Double
    var velocity: Matrix?
    init(hyperparameters: Hyperparameters) {
        rate = hyperparameters.learningRate
        rho = hyperparameters.momentum
    }

    mutating func step(parameters: inout Matrix, gradient: Matrix) {
        let previous = velocity ?? .zeros(like: parameters)
        var position = parameters - rho * previous
        let v = rho * previous - rate * gradient
        position += v
        velocity = v
        parameters = position + rho * v
    }
}

/// Adagrad with a `[Double]` cache and a loop over the entries.
struct EntryLoopAdagrad: Optimizer {
    let rate: Double
    let epsilon: Double
    var squares: [Double] = []
    init(hyperparameters: Hyperparameters) {
        rate = hyperparameters.learningRate
        epsilon = hyperparameters.epsilon
    }

    mutating func step(parameters: inout Matrix, gradient: Matrix) {
        if squares.isEmpty { squares = Array(repeating: 0, count: parameters.count) }
        for k in squares.indices {
            let g = gradient.elements[k]
            squares[k] += g * g
            parameters.elements[k] -= rate * g / (squares[k] + epsilon).squareRoot()
        }
    }
}

/// RMSProp with a `[Double]` cache and a loop over the entries.
struct EntryLoopRMSProp: Optimizer {
    let rate: Double
    let decay: Double
    let epsilon: Double
    var cache: [Double] = []
    init(hyperparameters: Hyperparameters) {
        rate = hyperparameters.learningRate
        decay = hyperparameters.decayRate
        epsilon = hyperparameters.epsilon
    }

    mutating func step(parameters: inout Matrix, gradient: Matrix) {
        if cache.isEmpty { cache = Array(repeating: 0, count: parameters.count) }
        for k in cache.indices {
            let g = gradient.elements[k]
            cache[k] = decay * cache[k] + (1 - decay) * g * g
            parameters.elements[k] -= rate * g / (cache[k].squareRoot() + epsilon)
        }
    }
}

/// The moments of Adam and the powers β1ᵗ, β2ᵗ kept as running products.
struct AdamMoments {
    let beta1: Double
    let beta2: Double
    var first: Matrix?
    var second: Matrix?
    var beta1Power = 1.0
    var beta2Power = 1.0

    /// Updates m, v and the powers with one gradient; returns m and v.
    mutating func update(with g: Matrix) -> (m: Matrix, v: Matrix) {
        let m = beta1 * (first ?? .zeros(like: g)) + (1 - beta1) * g
        let v = beta2 * (second ?? .zeros(like: g)) + (1 - beta2) * (g * g)
        first = m
        second = v
        beta1Power *= beta1
        beta2Power *= beta2
        return (m, v)
    }
}

/// Adam in the efficient form of Kingma & Ba (2015, §2): `α_t = α√(1−β2ᵗ)/(1−β1ᵗ)` and
/// `W ← W − α_t m/(√v + ε̂)` with `ε̂ = ε√(1−β2ᵗ)`, which is `α m̂/(√v̂ + ε)` exactly.
struct EfficientAdam: Optimizer {
    let rate: Double
    let epsilon: Double
    var moments: AdamMoments
    init(hyperparameters: Hyperparameters) {
        rate = hyperparameters.learningRate
        epsilon = hyperparameters.epsilon
        moments = AdamMoments(beta1: hyperparameters.beta1, beta2: hyperparameters.beta2)
    }

    mutating func step(parameters: inout Matrix, gradient: Matrix) {
        let (m, v) = moments.update(with: gradient)
        let correction = (1 - moments.beta2Power).squareRoot()
        let stepRate = rate * correction / (1 - moments.beta1Power)
        parameters -= stepRate * m / (sqrt(v) + epsilon * correction)
    }
}

// MARK: - Schedules and training

/// Step decay by multiplying γ in ⌊t/k⌋ times.
struct RepeatedMultiplicationStepDecay: LearningRateSchedule {
    let initial: Double
    let gamma: Double
    let period: Int
    init(hyperparameters: Hyperparameters) {
        initial = hyperparameters.learningRate
        gamma = hyperparameters.decayFactor
        period = hyperparameters.decayEvery
    }

    func learningRate(atStep t: Int) -> Double {
        guard period > 0 else { return initial }
        var periods = t / period
        if t % period != 0 && t < 0 { periods -= 1 }  // ⌊t/k⌋ for negative t
        var rate = initial
        if periods >= 0 {
            for _ in 0..<periods { rate *= gamma }
        } else {
            for _ in 0..<(-periods) { rate /= gamma }
        }
        return rate
    }
}

/// Minibatch SGD as a countdown loop that gathers each batch's rows by hand.
struct CountdownSGD: MinibatchTrainer {
    let rate: Double
    let batchSize: Int
    let iterations: Int
    init(hyperparameters: Hyperparameters) {
        rate = hyperparameters.learningRate
        batchSize = hyperparameters.batchSize
        iterations = hyperparameters.iterations
    }

    func train(weights: Matrix, inputs: Matrix, labels: [Int], sampler: inout MinibatchSampler,
               objective: (Matrix, Matrix, [Int]) -> LossAndGradient) -> TrainingResult {
        var w = weights
        var losses: [Double] = []
        var remaining = iterations
        while remaining > 0 {
            let batch = sampler.nextBatch(size: batchSize)
            var rows: [Double] = []
            var batchLabels: [Int] = []
            for index in batch {
                for k in 0..<inputs.columns { rows.append(inputs[index, k]) }
                batchLabels.append(labels[index])
            }
            let result = objective(w, Matrix(rows: batch.count, columns: inputs.columns, elements: rows), batchLabels)
            losses.append(result.loss)
            for k in 0..<w.count { w.elements[k] -= rate * result.gradient.elements[k] }
            remaining -= 1
        }
        return TrainingResult(weights: w, lossHistory: losses)
    }
}

// MARK: - Other conventions

/// Adam's efficient form with ε added after the root: `W ← W − α_t m/(√v + ε)`. This is the
/// standard form with ε replaced by `ε/√(1−β2ᵗ)`, so not exactly the course's Adam.
struct EfficientAdamPlainEpsilon: Optimizer {
    let rate: Double
    let epsilon: Double
    var moments: AdamMoments
    init(hyperparameters: Hyperparameters) {
        rate = hyperparameters.learningRate
        epsilon = hyperparameters.epsilon
        moments = AdamMoments(beta1: hyperparameters.beta1, beta2: hyperparameters.beta2)
    }

    mutating func step(parameters: inout Matrix, gradient: Matrix) {
        let (m, v) = moments.update(with: gradient)
        let stepRate = rate * (1 - moments.beta2Power).squareRoot() / (1 - moments.beta1Power)
        parameters -= stepRate * m / (sqrt(v) + epsilon)
    }
}

/// Adagrad with ε after the root, `W ← W − α g / (√n + ε)`: the other common convention.
struct EpsilonAfterRootAdagrad: Optimizer {
    let rate: Double
    let epsilon: Double
    var squares: Matrix?
    init(hyperparameters: Hyperparameters) {
        rate = hyperparameters.learningRate
        epsilon = hyperparameters.epsilon
    }

    mutating func step(parameters: inout Matrix, gradient: Matrix) {
        let n = (squares ?? .zeros(like: gradient)) + gradient * gradient
        squares = n
        parameters -= rate * gradient / (sqrt(n) + epsilon)
    }
}
