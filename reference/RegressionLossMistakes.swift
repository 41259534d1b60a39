import GradeKit

// Known mistakes of the regression losses (l2-loss, l1-loss): each is the reference with
// exactly one thing changed.

extension CataloguedMistake {
    static var regressionLosses: [CataloguedMistake] {
        [
            .init("l2-loss/sum-over-samples", L2LossSumOverSamples.self,
                  "Your loss and gradient are sums over the N = {N} samples: divide both by N, L = (1/N) Σ_i ‖ŷ_i − y_i‖² and ∂L/∂ŷ = 2(ŷ − y)/N.",
                  idea: "The data loss is the mean of the per-sample losses."),
            .init("l2-loss/gradient-missing-2", L2LossGradientMissing2.self,
                  "Your gradient is (ŷ − y)/N where the derivative of ‖ŷ − y‖² is 2(ŷ − y): use ∂L/∂ŷ = 2(ŷ − y)/N.",
                  idea: "The derivative of a square is twice the residual."),
            .init("l2-loss/mean-over-entries", L2LossMeanOverEntries.self,
                  "Your loss divides by N·K (the mean of every entry, np.mean): the course sums each sample's K squared errors and divides by N only.",
                  idea: "The data loss is the mean over samples of each sample's loss."),
            .init("l2-loss/gradient-sign-flipped", L2LossGradientSignFlipped.self,
                  "Your gradient is 2(y − ŷ)/N: the derivative with respect to the prediction is 2(ŷ − y)/N.",
                  idea: "The gradient points uphill; descent subtracts it."),
            .init("l2-loss/float-precision", L2LossInFloat.self,
                  "Your loss is computed in Float (about 7 digits): compute in Double, as every component of the course does.",
                  idea: "Gradient checks need double precision.", singlePrecision: true),

            .init("l1-loss/sum-over-samples", L1LossSumOverSamples.self,
                  "Your loss and gradient are sums over the N = {N} samples: divide both by N, L = (1/N) Σ_i ‖ŷ_i − y_i‖₁ and ∂L/∂ŷ = sign(ŷ − y)/N.",
                  idea: "The data loss is the mean of the per-sample losses."),
            .init("l1-loss/mean-over-entries", L1LossMeanOverEntries.self,
                  "Your loss divides by N·K (the mean of every entry, np.mean): the course sums each sample's K absolute errors and divides by N only.",
                  idea: "The data loss is the mean over samples of each sample's loss."),
            .init("l1-loss/gradient-sign-flipped", L1LossGradientSignFlipped.self,
                  "Your gradient is sign(y − ŷ)/N: the derivative with respect to the prediction is sign(ŷ − y)/N.",
                  idea: "The gradient points uphill; descent subtracts it."),
            .init("l1-loss/gradient-missing-n", L1LossGradientMissingN.self,
                  "Your loss is the mean over samples but your gradient is not divided by N: ∂L/∂ŷ = sign(ŷ − y)/N.",
                  idea: "The gradient of a mean is the mean of the gradients."),
        ]
    }
}

// MARK: - l2-loss

/// The L2 loss summed over samples: `L = Σ_i ‖ŷ_i − y_i‖²`, `∂L/∂ŷ = 2(ŷ − y)`.
struct L2LossSumOverSamples: RegressionLoss {
    init(hyperparameters: Hyperparameters) {}
    func lossAndGradient(predictions: Matrix, targets: Matrix) -> LossAndGradient {
        let difference = predictions - targets
        return LossAndGradient(loss: (difference * difference).sum(), gradient: difference * 2)
    }
}

/// The L2 loss with the derivative's 2 left out: `∂L/∂ŷ = (ŷ − y)/N`.
struct L2LossGradientMissing2: RegressionLoss {
    init(hyperparameters: Hyperparameters) {}
    func lossAndGradient(predictions: Matrix, targets: Matrix) -> LossAndGradient {
        let difference = predictions - targets
        let scale = 1 / Double(Swift.max(predictions.rows, 1))
        return LossAndGradient(loss: (difference * difference).sum() * scale, gradient: difference * scale)
    }
}

/// The L2 loss as the mean of every entry: `L = (1/NK) Σ (ŷ − y)²`, `∂L/∂ŷ = 2(ŷ − y)/NK`.
struct L2LossMeanOverEntries: RegressionLoss {
    init(hyperparameters: Hyperparameters) {}
    func lossAndGradient(predictions: Matrix, targets: Matrix) -> LossAndGradient {
        let difference = predictions - targets
        let scale = 1 / Double(Swift.max(predictions.count, 1))
        return LossAndGradient(loss: (difference * difference).sum() * scale, gradient: difference * (2 * scale))
    }
}

/// The L2 loss with its gradient negated: `∂L/∂ŷ = 2(y − ŷ)/N`.
struct L2LossGradientSignFlipped: RegressionLoss {
    init(hyperparameters: Hyperparameters) {}
    func lossAndGradient(predictions: Matrix, targets: Matrix) -> LossAndGradient {
        let difference = predictions - targets
        let scale = 1 / Double(Swift.max(predictions.rows, 1))
        return LossAndGradient(loss: (difference * difference).sum() * scale, gradient: difference * (-2 * scale))
    }
}

/// The L2 loss computed in single precision: the reference on `Float`-rounded inputs, rounded to `Float`.
struct L2LossInFloat: RegressionLoss {
    init(hyperparameters: Hyperparameters) {}
    func lossAndGradient(predictions: Matrix, targets: Matrix) -> LossAndGradient {
        L2Loss().lossAndGradient(predictions: predictions.roundedToFloat, targets: targets.roundedToFloat).roundedToFloat
    }
}

// MARK: - l1-loss

/// The L1 loss summed over samples: `L = Σ_i ‖ŷ_i − y_i‖₁`, `∂L/∂ŷ = sign(ŷ − y)`.
struct L1LossSumOverSamples: RegressionLoss {
    init(hyperparameters: Hyperparameters) {}
    func lossAndGradient(predictions: Matrix, targets: Matrix) -> LossAndGradient {
        let difference = predictions - targets
        return LossAndGradient(loss: abs(difference).sum(), gradient: sign(difference))
    }
}

/// The L1 loss as the mean of every entry: `L = (1/NK) Σ |ŷ − y|`, `∂L/∂ŷ = sign(ŷ − y)/NK`.
struct L1LossMeanOverEntries: RegressionLoss {
    init(hyperparameters: Hyperparameters) {}
    func lossAndGradient(predictions: Matrix, targets: Matrix) -> LossAndGradient {
        let difference = predictions - targets
        let scale = 1 / Double(Swift.max(predictions.count, 1))
        return LossAndGradient(loss: abs(difference).sum() * scale, gradient: sign(difference) * scale)
    }
}

/// The L1 loss with its gradient negated: `∂L/∂ŷ = sign(y − ŷ)/N`.
struct L1LossGradientSignFlipped: RegressionLoss {
    init(hyperparameters: Hyperparameters) {}
    func lossAndGradient(predictions: Matrix, targets: Matrix) -> LossAndGradient {
        let difference = predictions - targets
        let scale = 1 / Double(Swift.max(predictions.rows, 1))
        return LossAndGradient(loss: abs(difference).sum() * scale, gradient: sign(difference) * -scale)
    }
}

/// The L1 loss whose gradient is not divided by N: `L = (1/N) Σ_i ‖ŷ_i − y_i‖₁`, `∂L/∂ŷ = sign(ŷ − y)`.
struct L1LossGradientMissingN: RegressionLoss {
    init(hyperparameters: Hyperparameters) {}
    func lossAndGradient(predictions: Matrix, targets: Matrix) -> LossAndGradient {
        let difference = predictions - targets
        let scale = 1 / Double(Swift.max(predictions.rows, 1))
        return LossAndGradient(loss: abs(difference).sum() * scale, gradient: sign(difference))
    }
}
