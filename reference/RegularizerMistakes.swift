import GradeKit

// Known mistakes of the regularizers (l2-regularization, l1-regularization, elastic-net):
// each is the reference with exactly one thing changed.

extension CataloguedMistake {
    static var regularizers: [CataloguedMistake] {
        [
            .init("l2-regularization/gradient-missing-2", L2RegularizationGradientMissing2.self,
                  "Your gradient is W where the derivative of Σ W² is 2W.",
                  idea: "The derivative of a square is twice the weight."),
            .init("l2-regularization/gradient-sign-flipped", L2RegularizationGradientSignFlipped.self,
                  "Your gradient is −2W: the penalty Σ W² grows away from 0, so its gradient is +2W.",
                  idea: "The gradient points uphill; descent subtracts it."),
            .init("l2-regularization/norm-not-squared", L2RegularizationNormNotSquared.self,
                  "Your penalty is the norm ‖W‖ = sqrt(Σ W²) (np.linalg.norm): the L2 penalty is its square, R = Σ W², with gradient 2W.",
                  idea: "L2 regularization penalises the squared weights."),
            .init("l2-regularization/float-precision", L2RegularizationInFloat.self,
                  "Your penalty is computed in Float (about 7 digits): compute in Double, as every component of the course does.",
                  idea: "Gradient checks need double precision.", singlePrecision: true),

            .init("l1-regularization/gradient-is-weights", L1RegularizationGradientIsWeights.self,
                  "Your gradient is W: the derivative of |W| is sign(W) (0 at 0), whatever the size of the weight.",
                  idea: "L1's gradient has constant size, which drives weights to exactly 0."),
            .init("l1-regularization/no-absolute-value", L1RegularizationWithoutAbs.self,
                  "Your penalty is Σ W, without the absolute value, so negative weights lower it: R = Σ |W|, with gradient sign(W).",
                  idea: "L1 regularization penalises the size of every weight."),
            .init("l1-regularization/gradient-sign-flipped", L1RegularizationGradientSignFlipped.self,
                  "Your gradient is −sign(W): the penalty Σ |W| grows away from 0, so its gradient is +sign(W).",
                  idea: "The gradient points uphill; descent subtracts it."),
            .init("l1-regularization/squared-penalty", L1RegularizationSquared.self,
                  "Your penalty is Σ W², the L2 penalty: L1 is R = Σ |W|, with gradient sign(W).",
                  idea: "L1 drives weights to exactly 0; L2 spreads them out."),

            .init("elastic-net/beta-on-l1-term", ElasticNetBetaOnL1Term.self,
                  "Your penalty puts β on the absolute values, Σ (W² + β|W|): β weighs the squares, R = Σ (β W² + |W|), ∂R = 2βW + sign(W).",
                  idea: "Elastic net blends the L2 and L1 penalties."),
            .init("elastic-net/gradient-missing-2", ElasticNetGradientMissing2.self,
                  "Your gradient is βW + sign(W) where the derivative of β W² is 2βW: ∂R = 2βW + sign(W).",
                  idea: "The derivative of a square is twice the weight."),
            .init("elastic-net/beta-fixed-at-half", ElasticNetBetaFixed.self,
                  "Your penalty uses β = 0.5 whatever the beta hyper-parameter says: use β = hyperparameters.beta.",
                  idea: "The blend β is a hyper-parameter of elastic net."),
            .init("elastic-net/gradient-missing-sign", ElasticNetGradientMissingSign.self,
                  "Your gradient of |W| is W: the derivative of |W| is sign(W), so ∂R = 2βW + sign(W).",
                  idea: "L1's gradient has constant size, which drives weights to exactly 0."),
        ]
    }
}

// MARK: - l2-regularization

/// The L2 penalty with its gradient's 2 left out: `R = Σ W²`, `∂R = W`.
struct L2RegularizationGradientMissing2: Regularizer {
    init(hyperparameters: Hyperparameters) {}
    func penaltyAndGradient(weights: Matrix) -> LossAndGradient {
        LossAndGradient(loss: (weights * weights).sum(), gradient: weights)
    }
}

/// The L2 penalty with its gradient negated: `∂R = −2W`.
struct L2RegularizationGradientSignFlipped: Regularizer {
    init(hyperparameters: Hyperparameters) {}
    func penaltyAndGradient(weights: Matrix) -> LossAndGradient {
        LossAndGradient(loss: (weights * weights).sum(), gradient: weights * -2)
    }
}

/// The L2 norm where its square is asked for: `R = sqrt(Σ W²)`, `∂R = W / sqrt(Σ W²)` (0 at W = 0).
struct L2RegularizationNormNotSquared: Regularizer {
    init(hyperparameters: Hyperparameters) {}
    func penaltyAndGradient(weights: Matrix) -> LossAndGradient {
        let norm = (weights * weights).sum().squareRoot()
        return LossAndGradient(loss: norm, gradient: norm > 0 ? weights / norm : .zeros(like: weights))
    }
}

/// The L2 penalty computed in single precision: the reference on `Float`-rounded weights, rounded to `Float`.
struct L2RegularizationInFloat: Regularizer {
    init(hyperparameters: Hyperparameters) {}
    func penaltyAndGradient(weights: Matrix) -> LossAndGradient {
        L2Regularization().penaltyAndGradient(weights: weights.roundedToFloat).roundedToFloat
    }
}

// MARK: - l1-regularization

/// The L1 penalty with the weights as its gradient: `R = Σ |W|`, `∂R = W`.
struct L1RegularizationGradientIsWeights: Regularizer {
    init(hyperparameters: Hyperparameters) {}
    func penaltyAndGradient(weights: Matrix) -> LossAndGradient {
        LossAndGradient(loss: abs(weights).sum(), gradient: weights)
    }
}

/// The L1 penalty without the absolute value: `R = Σ W`, `∂R = 1`.
struct L1RegularizationWithoutAbs: Regularizer {
    init(hyperparameters: Hyperparameters) {}
    func penaltyAndGradient(weights: Matrix) -> LossAndGradient {
        LossAndGradient(loss: weights.sum(), gradient: .ones(weights.rows, weights.columns))
    }
}

/// The L1 penalty with its gradient negated: `∂R = −sign(W)`.
struct L1RegularizationGradientSignFlipped: Regularizer {
    init(hyperparameters: Hyperparameters) {}
    func penaltyAndGradient(weights: Matrix) -> LossAndGradient {
        LossAndGradient(loss: abs(weights).sum(), gradient: -sign(weights))
    }
}

/// The L2 penalty where L1 is asked for: `R = Σ W²`, `∂R = 2W`.
struct L1RegularizationSquared: Regularizer {
    init(hyperparameters: Hyperparameters) {}
    func penaltyAndGradient(weights: Matrix) -> LossAndGradient {
        LossAndGradient(loss: (weights * weights).sum(), gradient: weights * 2)
    }
}

// MARK: - elastic-net

/// Elastic net with β on the wrong term: `R = Σ (W² + β|W|)`, `∂R = 2W + β sign(W)`.
struct ElasticNetBetaOnL1Term: Regularizer {
    let beta: Double
    init(hyperparameters: Hyperparameters) { beta = hyperparameters.beta }
    func penaltyAndGradient(weights: Matrix) -> LossAndGradient {
        LossAndGradient(loss: (weights * weights + beta * abs(weights)).sum(),
                        gradient: 2 * weights + beta * sign(weights))
    }
}

/// Elastic net with the square's 2 left out of the gradient: `∂R = βW + sign(W)`.
struct ElasticNetGradientMissing2: Regularizer {
    let beta: Double
    init(hyperparameters: Hyperparameters) { beta = hyperparameters.beta }
    func penaltyAndGradient(weights: Matrix) -> LossAndGradient {
        LossAndGradient(loss: (beta * (weights * weights) + abs(weights)).sum(),
                        gradient: beta * weights + sign(weights))
    }
}

/// Elastic net with β hard-coded: the reference with β = 0.5 whatever the hyper-parameter.
struct ElasticNetBetaFixed: Regularizer {
    init(hyperparameters: Hyperparameters) {}
    func penaltyAndGradient(weights: Matrix) -> LossAndGradient {
        ElasticNetRegularization(hyperparameters: Hyperparameters(beta: 0.5)).penaltyAndGradient(weights: weights)
    }
}

/// Elastic net with W for the derivative of |W|: `∂R = 2βW + W`.
struct ElasticNetGradientMissingSign: Regularizer {
    let beta: Double
    init(hyperparameters: Hyperparameters) { beta = hyperparameters.beta }
    func penaltyAndGradient(weights: Matrix) -> LossAndGradient {
        LossAndGradient(loss: (beta * (weights * weights) + abs(weights)).sum(),
                        gradient: (2 * beta) * weights + weights)
    }
}
