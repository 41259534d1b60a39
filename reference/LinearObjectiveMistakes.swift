import GradeKit

// Known mistakes of the linear classifiers' full objectives (linear-svm, linear-softmax): each
// is the reference with exactly one thing changed. The types are generic over the data term,
// so the SVM and the softmax objective share them; a mistake in the data term itself is the
// reference objective over that score loss's mutant.

extension CataloguedMistake {
    static var linearObjectives: [CataloguedMistake] {
        objectiveMistakes(component: "linear-svm", MulticlassSVMLoss.self)
            + [
                .init("linear-svm/includes-correct-class", LinearObjectiveOverDataLoss<SVMIncludingCorrectClass>.self,
                      "Your data loss sums over every class, including j = y_i, whose margin is always Δ: sum max(0, s_j − s_{y_i} + Δ) over j ≠ y_i only.",
                      idea: "The SVM loss compares each wrong class with the correct one."),
                .init("linear-svm/margin-fixed-at-one", LinearObjectiveOverDataLoss<SVMMarginFixedAtOne>.self,
                      "Your data loss uses Δ = 1 whatever the margin hyper-parameter says: use m_j = s_j − s_{y_i} + Δ with Δ = hyperparameters.margin.",
                      idea: "The margin Δ is a hyper-parameter of the SVM loss."),
            ]
            + objectiveMistakes(component: "linear-softmax", SoftmaxLoss.self)
            + [
                .init("linear-softmax/log-base-10", LinearObjectiveOverDataLoss<SoftmaxLogBase10>.self,
                      "Your data loss uses log₁₀: the course uses the natural log, L_i = −ln p_{y_i}.",
                      idea: "Cross-entropy is the negative natural log-likelihood."),
                .init("linear-softmax/unstable-exp", LinearObjectiveOverDataLoss<SoftmaxUnstable>.self,
                      "Your softmax exponentiates the raw scores X·W, so large scores overflow to inf: subtract each row's maximum before exponentiating.",
                      idea: "Softmax is unchanged by shifting a row's scores, which keeps it finite."),
            ]
    }

    /// The mistakes of the objective `L(W) = data loss of X·W + λ Σ W²` whatever its data term.
    private static func objectiveMistakes<DataLoss: ScoreLoss>(component: String, _: DataLoss.Type) -> [CataloguedMistake] {
        [
            .init("\(component)/gradient-missing-regularization", LinearObjectiveGradientWithoutRegularization<DataLoss>.self,
                  "Your loss adds λ Σ W² but your gradient leaves out its derivative: ∂L/∂W = Xᵀ·dS + 2λW.",
                  idea: "Regularization pulls the weights toward 0 through its gradient."),
            .init("\(component)/regularization-gradient-missing-2", LinearObjectiveRegularizationGradientMissing2<DataLoss>.self,
                  "Your gradient adds λW where the derivative of λ Σ W² is 2λW: ∂L/∂W = Xᵀ·dS + 2λW.",
                  idea: "The derivative of a square is twice the weight."),
            .init("\(component)/regularization-gradient-without-lambda", LinearObjectiveRegularizationGradientWithoutLambda<DataLoss>.self,
                  "Your gradient adds 2W without the strength λ: the derivative of λ Σ W² is 2λW.",
                  idea: "λ sets how strongly the weights are pulled toward 0."),
            .init("\(component)/loss-missing-regularization", LinearObjectiveLossWithoutRegularization<DataLoss>.self,
                  "Your loss is the data loss alone: add the penalty, L(W) = (1/N) Σ_i L_i + λ Σ W².",
                  idea: "The full objective is data loss plus regularization."),
            .init("\(component)/gradient-not-transposed", LinearObjectiveGradientNotTransposed<DataLoss>.self,
                  "Your gradient is X·dS: with S = X·W, the chain rule gives ∂L/∂W = Xᵀ·dS (D×N times N×C), plus 2λW.",
                  idea: "Backpropagating through S = X·W multiplies by Xᵀ."),
            .init("\(component)/sum-over-samples", LinearObjectiveSumOverSamples<DataLoss>.self,
                  "Your data loss and its gradient are sums over the samples: divide both by N, L(W) = (1/N) Σ_i L_i + λ Σ W².",
                  idea: "The data loss is the mean of the per-sample losses."),
        ]
    }
}

/// The reference objective over another data term: `L = DataLoss(X·W, y) + λ Σ W²`, `∂L/∂W = Xᵀ·dS + 2λW`.
struct LinearObjectiveOverDataLoss<DataLoss: ScoreLoss>: LinearClassifierObjective {
    let dataLoss: DataLoss
    let regularization: Double
    init(hyperparameters: Hyperparameters) {
        dataLoss = DataLoss(hyperparameters: hyperparameters)
        regularization = hyperparameters.regularization
    }
    func lossAndGradient(weights: Matrix, inputs: Matrix, labels: [Int]) -> LossAndGradient {
        let data = dataLoss.lossAndGradient(scores: inputs.dot(weights), labels: labels)
        return LossAndGradient(
            loss: data.loss + regularization * (weights * weights).sum(),
            gradient: inputs.transposed().dot(data.gradient) + (2 * regularization) * weights)
    }
}

/// The objective without the regularizer's gradient: `∂L/∂W = Xᵀ·dS` (the loss keeps `λ Σ W²`).
struct LinearObjectiveGradientWithoutRegularization<DataLoss: ScoreLoss>: LinearClassifierObjective {
    let dataLoss: DataLoss
    let regularization: Double
    init(hyperparameters: Hyperparameters) {
        dataLoss = DataLoss(hyperparameters: hyperparameters)
        regularization = hyperparameters.regularization
    }
    func lossAndGradient(weights: Matrix, inputs: Matrix, labels: [Int]) -> LossAndGradient {
        let data = dataLoss.lossAndGradient(scores: inputs.dot(weights), labels: labels)
        return LossAndGradient(
            loss: data.loss + regularization * (weights * weights).sum(),
            gradient: inputs.transposed().dot(data.gradient))
    }
}

/// The objective with the regularizer's gradient missing its 2: `∂L/∂W = Xᵀ·dS + λW`.
struct LinearObjectiveRegularizationGradientMissing2<DataLoss: ScoreLoss>: LinearClassifierObjective {
    let dataLoss: DataLoss
    let regularization: Double
    init(hyperparameters: Hyperparameters) {
        dataLoss = DataLoss(hyperparameters: hyperparameters)
        regularization = hyperparameters.regularization
    }
    func lossAndGradient(weights: Matrix, inputs: Matrix, labels: [Int]) -> LossAndGradient {
        let data = dataLoss.lossAndGradient(scores: inputs.dot(weights), labels: labels)
        return LossAndGradient(
            loss: data.loss + regularization * (weights * weights).sum(),
            gradient: inputs.transposed().dot(data.gradient) + regularization * weights)
    }
}

/// The objective with the regularizer's gradient missing λ: `∂L/∂W = Xᵀ·dS + 2W`.
struct LinearObjectiveRegularizationGradientWithoutLambda<DataLoss: ScoreLoss>: LinearClassifierObjective {
    let dataLoss: DataLoss
    let regularization: Double
    init(hyperparameters: Hyperparameters) {
        dataLoss = DataLoss(hyperparameters: hyperparameters)
        regularization = hyperparameters.regularization
    }
    func lossAndGradient(weights: Matrix, inputs: Matrix, labels: [Int]) -> LossAndGradient {
        let data = dataLoss.lossAndGradient(scores: inputs.dot(weights), labels: labels)
        return LossAndGradient(
            loss: data.loss + regularization * (weights * weights).sum(),
            gradient: inputs.transposed().dot(data.gradient) + 2 * weights)
    }
}

/// The objective without the penalty in its value: `L = data loss` (the gradient keeps `2λW`).
struct LinearObjectiveLossWithoutRegularization<DataLoss: ScoreLoss>: LinearClassifierObjective {
    let dataLoss: DataLoss
    let regularization: Double
    init(hyperparameters: Hyperparameters) {
        dataLoss = DataLoss(hyperparameters: hyperparameters)
        regularization = hyperparameters.regularization
    }
    func lossAndGradient(weights: Matrix, inputs: Matrix, labels: [Int]) -> LossAndGradient {
        let data = dataLoss.lossAndGradient(scores: inputs.dot(weights), labels: labels)
        return LossAndGradient(
            loss: data.loss,
            gradient: inputs.transposed().dot(data.gradient) + (2 * regularization) * weights)
    }
}

/// The objective with X where Xᵀ belongs: `∂L/∂W = X·dS + 2λW`, which only has W's shape when N = D.
///
/// For other shapes the product does not exist; the gradient is then NaN, which no submission's
/// output matches, so the mistake is never named there.
struct LinearObjectiveGradientNotTransposed<DataLoss: ScoreLoss>: LinearClassifierObjective {
    let dataLoss: DataLoss
    let regularization: Double
    init(hyperparameters: Hyperparameters) {
        dataLoss = DataLoss(hyperparameters: hyperparameters)
        regularization = hyperparameters.regularization
    }
    func lossAndGradient(weights: Matrix, inputs: Matrix, labels: [Int]) -> LossAndGradient {
        let data = dataLoss.lossAndGradient(scores: inputs.dot(weights), labels: labels)
        let loss = data.loss + regularization * (weights * weights).sum()
        guard inputs.rows == inputs.columns else {
            return LossAndGradient(loss: loss, gradient: Matrix(rows: weights.rows, columns: weights.columns, repeating: .nan))
        }
        return LossAndGradient(loss: loss, gradient: inputs.dot(data.gradient) + (2 * regularization) * weights)
    }
}

/// The objective with the data term summed over samples: `L = Σ_i L_i + λ Σ W²`, `∂L/∂W = N·Xᵀ·dS + 2λW`.
struct LinearObjectiveSumOverSamples<DataLoss: ScoreLoss>: LinearClassifierObjective {
    let dataLoss: DataLoss
    let regularization: Double
    init(hyperparameters: Hyperparameters) {
        dataLoss = DataLoss(hyperparameters: hyperparameters)
        regularization = hyperparameters.regularization
    }
    func lossAndGradient(weights: Matrix, inputs: Matrix, labels: [Int]) -> LossAndGradient {
        let data = dataLoss.lossAndGradient(scores: inputs.dot(weights), labels: labels).scaled(by: Double(inputs.rows))
        return LossAndGradient(
            loss: data.loss + regularization * (weights * weights).sum(),
            gradient: inputs.transposed().dot(data.gradient) + (2 * regularization) * weights)
    }
}
