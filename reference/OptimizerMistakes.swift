import Foundation
import GradeKit

// Known mistakes of the optimizers: each is the reference update with exactly one thing
// changed, or a correct update of some other textbook (those are in `knownConventions`).

extension CataloguedMistake {
    static var optimizers: [CataloguedMistake] {
        [
            .init("gradient-descent/gradient-added", GradientDescentAscending.self,
                  "Your update adds the gradient, W ← W + αg, which climbs the loss: descend with W ← W − αg.",
                  idea: "Descent steps against the gradient."),
            .init("gradient-descent/learning-rate-fixed", GradientDescentFixedRate.self,
                  "Your update uses α = 1e-3 whatever the learning-rate hyper-parameter says: use α = hyperparameters.learningRate.",
                  idea: "The learning rate is a hyper-parameter of the update."),
            .init("gradient-descent/learning-rate-missing", GradientDescentWithoutRate.self,
                  "Your update is W ← W − g, without the learning rate: scale the step, W ← W − αg.",
                  idea: "The learning rate sets the size of each step."),
            .init("gradient-descent/float-precision", GradientDescentInFloat.self,
                  "Your update is computed in Float (about 7 digits): compute in Double, as every component of the course does.",
                  idea: "Optimizer trajectories are compared in double precision.", singlePrecision: true),

            .init("momentum/nesterov-update", MomentumAsNesterov.self,
                  "This is Nesterov's update (W ← W − ρ v_prev + (1 + ρ) v), but the component is plain momentum: v ← ρv − αg; W ← W + v.",
                  idea: "Heavy-ball momentum: the velocity is added to W as it is."),
            .init("momentum/velocity-not-kept", MomentumWithoutState.self,
                  "Your velocity starts from 0 at every step, so this is plain gradient descent: keep v between steps, v ← ρv − αg; W ← W + v.",
                  idea: "Momentum accumulates past gradients in a velocity that persists across steps."),
            .init("momentum/gradient-added", MomentumAscending.self,
                  "Your velocity adds the gradient, v ← ρv + αg, and W ← W + v climbs the loss: use v ← ρv − αg; W ← W + v.",
                  idea: "Descent steps against the gradient."),
            .init("momentum/momentum-fixed", MomentumFixedRho.self,
                  "Your update uses ρ = 0.9 whatever the momentum hyper-parameter says: use ρ = hyperparameters.momentum.",
                  idea: "The momentum ρ is a hyper-parameter of the update."),

            .init("nesterov/plain-momentum-update", NesterovAsMomentum.self,
                  "This is plain momentum (W ← W + v), but the component is Nesterov: W ← W − ρ v_prev + (1 + ρ) v.",
                  idea: "Nesterov's look-ahead, W ← W − ρ v_prev + (1 + ρ) v."),
            .init("nesterov/velocity-not-kept", NesterovWithoutState.self,
                  "Your velocity starts from 0 at every step, so W ← W − (1 + ρ)αg: keep v between steps, v_prev ← v; v ← ρv − αg; W ← W − ρ v_prev + (1 + ρ) v.",
                  idea: "Momentum accumulates past gradients in a velocity that persists across steps."),
            .init("nesterov/velocities-swapped", NesterovVelocitiesSwapped.self,
                  "Your update is W ← W − ρ v + (1 + ρ) v_prev, with the new and previous velocities swapped: use W ← W − ρ v_prev + (1 + ρ) v.",
                  idea: "Nesterov's look-ahead, W ← W − ρ v_prev + (1 + ρ) v."),
            .init("nesterov/momentum-fixed", NesterovFixedRho.self,
                  "Your update uses ρ = 0.9 whatever the momentum hyper-parameter says: use ρ = hyperparameters.momentum.",
                  idea: "The momentum ρ is a hyper-parameter of the update."),

            .init("adagrad/epsilon-outside-root", AdagradEpsilonOutsideRoot.self,
                  "You add ε outside the square root, α·g / (sqrt(n) + ε): a common convention, but this course uses the lecture's α·g / sqrt(n + ε).",
                  idea: "Adagrad's update as the lecture writes it, α·g / sqrt(n + ε)."),
            .init("adagrad/no-accumulation", AdagradWithoutAccumulation.self,
                  "Your n is only the current g², not the running sum: accumulate n ← n + g² across steps, then W ← W − α g / sqrt(n + ε).",
                  idea: "Adagrad divides by the history of squared gradients, so steps shrink over time."),
            .init("adagrad/no-square-root", AdagradWithoutRoot.self,
                  "You divide by n + ε without the square root: W ← W − α g / sqrt(n + ε).",
                  idea: "Adagrad scales each step by the root of the summed squared gradients."),
            .init("adagrad/learning-rate-fixed", AdagradFixedRate.self,
                  "Your update uses α = 1e-3 whatever the learning-rate hyper-parameter says: use α = hyperparameters.learningRate.",
                  idea: "The learning rate is a hyper-parameter of the update."),

            .init("rmsprop/epsilon-inside-root", RMSPropEpsilonInsideRoot.self,
                  "You put ε inside the square root; RMSProp here divides by (sqrt(c) + ε).",
                  idea: "RMSProp's update, α·g / (sqrt(c) + ε)."),
            .init("rmsprop/decay-on-wrong-term", RMSPropDecayOnWrongTerm.self,
                  "Your cache is c ← (1 − δ)c + δg², with the decay on the wrong term: keep most of the cache, c ← δc + (1 − δ)g².",
                  idea: "RMSProp's cache is a leaky average that keeps a fraction δ of the past."),
            .init("rmsprop/cache-not-kept", RMSPropWithoutState.self,
                  "Your cache starts from 0 at every step, c = (1 − δ)g²: keep c between steps, c ← δc + (1 − δ)g².",
                  idea: "RMSProp's cache averages squared gradients over many steps."),
            .init("rmsprop/no-square-root", RMSPropWithoutRoot.self,
                  "You divide by c + ε without the square root: W ← W − α g / (sqrt(c) + ε).",
                  idea: "RMSProp scales each step by the root of the averaged squared gradients."),
            .init("rmsprop/decay-rate-fixed", RMSPropFixedDecay.self,
                  "Your cache uses δ = 0.99 whatever the decay-rate hyper-parameter says: use δ = hyperparameters.decayRate.",
                  idea: "The decay rate δ is a hyper-parameter of RMSProp."),

            .init("adam/no-bias-correction", AdamWithoutBiasCorrection.self,
                  "Your Adam skips bias correction: divide m by (1 − β1ᵗ) and v by (1 − β2ᵗ), with t starting at 1.",
                  idea: "Adam's bias correction of the zero-initialised moments."),
            .init("adam/efficient-form", AdamEfficientForm.self,
                  "You use the paper's efficient form, α_t = α·sqrt(1 − β2ᵗ)/(1 − β1ᵗ) and W ← W − α_t·m/(sqrt(v) + ε): a common convention that differs in where ε sits, but this course uses W ← W − α m̂ / (sqrt(v̂) + ε).",
                  idea: "Adam's bias-corrected update, α m̂ / (sqrt(v̂) + ε)."),
            .init("adam/step-count-from-zero", AdamStepCountFromZero.self,
                  "Your step count t starts at 0, so the first bias correction divides by 1 − β⁰ = 0: increment t before the update, so that t = 1 at the first step.",
                  idea: "Adam's bias correction counts steps from t = 1."),
            .init("adam/step-count-not-incremented", AdamStepCountNotIncremented.self,
                  "Your step count t stays at 1, so the bias correction never fades: increment t at every step, m̂ = m/(1 − β1ᵗ), v̂ = v/(1 − β2ᵗ).",
                  idea: "Adam's bias correction fades as t grows."),
            .init("adam/betas-swapped", AdamBetasSwapped.self,
                  "Your moments use each other's decay: the first moment uses β1, m ← β1 m + (1 − β1) g, and the second β2, v ← β2 v + (1 − β2) g².",
                  idea: "Adam keeps a fast average of g and a slow average of g²."),
            .init("adam/no-square-root", AdamWithoutRoot.self,
                  "You divide by v̂ + ε without the square root: W ← W − α m̂ / (sqrt(v̂) + ε).",
                  idea: "Adam scales each step by the root of the second moment."),
        ]
    }
}

/// Adagrad with ε outside the square root: `n ← n + g²; W ← W − α g / (sqrt(n) + ε)`.
struct AdagradEpsilonOutsideRoot: Optimizer {
    let h: Hyperparameters
    var n: Matrix?
    init(hyperparameters: Hyperparameters) { h = hyperparameters }
    mutating func step(parameters: inout Matrix, gradient g: Matrix) {
        let sum = (n ?? .zeros(like: parameters)) + g * g
        n = sum
        parameters = parameters - h.learningRate * g / (sqrt(sum) + h.epsilon)
    }
}

/// Adam without bias correction: `W ← W − α m / (sqrt(v) + ε)`.
struct AdamWithoutBiasCorrection: Optimizer {
    let h: Hyperparameters
    var m: Matrix?
    var v: Matrix?
    init(hyperparameters: Hyperparameters) { h = hyperparameters }
    mutating func step(parameters: inout Matrix, gradient g: Matrix) {
        let first = h.beta1 * (m ?? .zeros(like: parameters)) + (1 - h.beta1) * g
        let second = h.beta2 * (v ?? .zeros(like: parameters)) + (1 - h.beta2) * g * g
        m = first
        v = second
        parameters = parameters - h.learningRate * first / (sqrt(second) + h.epsilon)
    }
}

/// Nesterov's update where plain momentum is asked for: `W ← W − ρ v_prev + (1 + ρ) v`.
struct MomentumAsNesterov: Optimizer {
    let h: Hyperparameters
    var velocity: Matrix?
    init(hyperparameters: Hyperparameters) { h = hyperparameters }
    mutating func step(parameters: inout Matrix, gradient g: Matrix) {
        let previous = velocity ?? .zeros(like: parameters)
        let v = h.momentum * previous - h.learningRate * g
        velocity = v
        parameters = parameters - h.momentum * previous + (1 + h.momentum) * v
    }
}

/// Plain momentum where Nesterov is asked for: `W ← W + v`.
struct NesterovAsMomentum: Optimizer {
    let h: Hyperparameters
    var velocity: Matrix?
    init(hyperparameters: Hyperparameters) { h = hyperparameters }
    mutating func step(parameters: inout Matrix, gradient g: Matrix) {
        let v = h.momentum * (velocity ?? .zeros(like: parameters)) - h.learningRate * g
        velocity = v
        parameters = parameters + v
    }
}

/// RMSProp with ε inside the square root: `W ← W − α g / sqrt(c + ε)`.
struct RMSPropEpsilonInsideRoot: Optimizer {
    let h: Hyperparameters
    var cache: Matrix?
    init(hyperparameters: Hyperparameters) { h = hyperparameters }
    mutating func step(parameters: inout Matrix, gradient g: Matrix) {
        let c = h.decayRate * (cache ?? .zeros(like: parameters)) + (1 - h.decayRate) * g * g
        cache = c
        parameters = parameters - h.learningRate * g / sqrt(c + h.epsilon)
    }
}

// MARK: - gradient-descent

/// Gradient ascent where descent is asked for: `W ← W + α g`.
struct GradientDescentAscending: Optimizer {
    let learningRate: Double
    init(hyperparameters: Hyperparameters) { learningRate = hyperparameters.learningRate }
    mutating func step(parameters: inout Matrix, gradient: Matrix) {
        parameters += learningRate * gradient
    }
}

/// Gradient descent with the learning rate hard-coded: `W ← W − 1e-3 · g` whatever α is.
struct GradientDescentFixedRate: Optimizer {
    init(hyperparameters: Hyperparameters) {}
    mutating func step(parameters: inout Matrix, gradient: Matrix) {
        parameters -= 1e-3 * gradient
    }
}

/// Gradient descent without the learning rate: `W ← W − g`.
struct GradientDescentWithoutRate: Optimizer {
    init(hyperparameters: Hyperparameters) {}
    mutating func step(parameters: inout Matrix, gradient: Matrix) {
        parameters -= gradient
    }
}

/// Gradient descent in single precision: `W ← W − α g` on `Float`-rounded values, rounded to `Float`.
struct GradientDescentInFloat: Optimizer {
    let learningRate: Double
    init(hyperparameters: Hyperparameters) { learningRate = hyperparameters.learningRate.roundedToFloat }
    mutating func step(parameters: inout Matrix, gradient: Matrix) {
        parameters = Matrix(rows: parameters.rows, columns: parameters.columns,
                            elements: Swift.zip(parameters.elements, gradient.elements).map { w, g in
                                Double(Float(w) - Float(learningRate) * Float(g))
                            })
    }
}

// MARK: - momentum

/// Momentum with a fresh velocity at every step: `v = −αg; W ← W + v`, plain gradient descent.
struct MomentumWithoutState: Optimizer {
    let h: Hyperparameters
    init(hyperparameters: Hyperparameters) { h = hyperparameters }
    mutating func step(parameters: inout Matrix, gradient g: Matrix) {
        let v = h.momentum * Matrix.zeros(like: parameters) - h.learningRate * g
        parameters += v
    }
}

/// Momentum with the gradient added to the velocity: `v ← ρv + αg; W ← W + v` (ascent).
struct MomentumAscending: Optimizer {
    let h: Hyperparameters
    var velocity: Matrix?
    init(hyperparameters: Hyperparameters) { h = hyperparameters }
    mutating func step(parameters: inout Matrix, gradient g: Matrix) {
        let v = h.momentum * (velocity ?? .zeros(like: parameters)) + h.learningRate * g
        velocity = v
        parameters += v
    }
}

/// Momentum with ρ hard-coded: `v ← 0.9 v − αg; W ← W + v` whatever ρ is.
struct MomentumFixedRho: Optimizer {
    var reference: Momentum
    init(hyperparameters: Hyperparameters) {
        var fixed = hyperparameters
        fixed.momentum = 0.9
        reference = Momentum(hyperparameters: fixed)
    }
    mutating func step(parameters: inout Matrix, gradient: Matrix) {
        reference.step(parameters: &parameters, gradient: gradient)
    }
}

// MARK: - nesterov

/// Nesterov with a fresh velocity at every step: `v = −αg; W ← W + (1 + ρ) v`.
struct NesterovWithoutState: Optimizer {
    let h: Hyperparameters
    init(hyperparameters: Hyperparameters) { h = hyperparameters }
    mutating func step(parameters: inout Matrix, gradient g: Matrix) {
        let previous = Matrix.zeros(like: parameters)
        let v = h.momentum * previous - h.learningRate * g
        parameters += (1 + h.momentum) * v - h.momentum * previous
    }
}

/// Nesterov with the velocities swapped in the update: `W ← W − ρ v + (1 + ρ) v_prev`.
struct NesterovVelocitiesSwapped: Optimizer {
    let h: Hyperparameters
    var velocity: Matrix?
    init(hyperparameters: Hyperparameters) { h = hyperparameters }
    mutating func step(parameters: inout Matrix, gradient g: Matrix) {
        let previous = velocity ?? .zeros(like: parameters)
        let v = h.momentum * previous - h.learningRate * g
        velocity = v
        parameters += (1 + h.momentum) * previous - h.momentum * v
    }
}

/// Nesterov with ρ hard-coded: the reference with ρ = 0.9 whatever the hyper-parameter.
struct NesterovFixedRho: Optimizer {
    var reference: Nesterov
    init(hyperparameters: Hyperparameters) {
        var fixed = hyperparameters
        fixed.momentum = 0.9
        reference = Nesterov(hyperparameters: fixed)
    }
    mutating func step(parameters: inout Matrix, gradient: Matrix) {
        reference.step(parameters: &parameters, gradient: gradient)
    }
}

// MARK: - adagrad

/// Adagrad without the running sum: `n = g²; W ← W − α g / sqrt(n + ε)`.
struct AdagradWithoutAccumulation: Optimizer {
    let h: Hyperparameters
    init(hyperparameters: Hyperparameters) { h = hyperparameters }
    mutating func step(parameters: inout Matrix, gradient g: Matrix) {
        let n = g * g
        parameters -= h.learningRate * g / sqrt(n + h.epsilon)
    }
}

/// Adagrad without the square root: `n ← n + g²; W ← W − α g / (n + ε)`.
struct AdagradWithoutRoot: Optimizer {
    let h: Hyperparameters
    var n: Matrix?
    init(hyperparameters: Hyperparameters) { h = hyperparameters }
    mutating func step(parameters: inout Matrix, gradient g: Matrix) {
        let sum = (n ?? .zeros(like: parameters)) + g * g
        n = sum
        parameters -= h.learningRate * g / (sum + h.epsilon)
    }
}

/// Adagrad with the learning rate hard-coded: the reference with α = 1e-3 whatever the hyper-parameter.
struct AdagradFixedRate: Optimizer {
    var reference: Adagrad
    init(hyperparameters: Hyperparameters) {
        var fixed = hyperparameters
        fixed.learningRate = 1e-3
        reference = Adagrad(hyperparameters: fixed)
    }
    mutating func step(parameters: inout Matrix, gradient: Matrix) {
        reference.step(parameters: &parameters, gradient: gradient)
    }
}

// MARK: - rmsprop

/// RMSProp with the decay on the wrong term: `c ← (1 − δ)c + δg²`.
struct RMSPropDecayOnWrongTerm: Optimizer {
    let h: Hyperparameters
    var cache: Matrix?
    init(hyperparameters: Hyperparameters) { h = hyperparameters }
    mutating func step(parameters: inout Matrix, gradient g: Matrix) {
        let c = (1 - h.decayRate) * (cache ?? .zeros(like: parameters)) + h.decayRate * g * g
        cache = c
        parameters -= h.learningRate * g / (sqrt(c) + h.epsilon)
    }
}

/// RMSProp with a fresh cache at every step: `c = (1 − δ)g²; W ← W − α g / (sqrt(c) + ε)`.
struct RMSPropWithoutState: Optimizer {
    let h: Hyperparameters
    init(hyperparameters: Hyperparameters) { h = hyperparameters }
    mutating func step(parameters: inout Matrix, gradient g: Matrix) {
        let c = h.decayRate * Matrix.zeros(like: parameters) + (1 - h.decayRate) * g * g
        parameters -= h.learningRate * g / (sqrt(c) + h.epsilon)
    }
}

/// RMSProp without the square root: `W ← W − α g / (c + ε)`.
struct RMSPropWithoutRoot: Optimizer {
    let h: Hyperparameters
    var cache: Matrix?
    init(hyperparameters: Hyperparameters) { h = hyperparameters }
    mutating func step(parameters: inout Matrix, gradient g: Matrix) {
        let c = h.decayRate * (cache ?? .zeros(like: parameters)) + (1 - h.decayRate) * g * g
        cache = c
        parameters -= h.learningRate * g / (c + h.epsilon)
    }
}

/// RMSProp with δ hard-coded: the reference with δ = 0.99 whatever the hyper-parameter.
struct RMSPropFixedDecay: Optimizer {
    var reference: RMSProp
    init(hyperparameters: Hyperparameters) {
        var fixed = hyperparameters
        fixed.decayRate = 0.99
        reference = RMSProp(hyperparameters: fixed)
    }
    mutating func step(parameters: inout Matrix, gradient: Matrix) {
        reference.step(parameters: &parameters, gradient: gradient)
    }
}

// MARK: - adam

/// Adam in the paper's efficient form: `α_t = α·sqrt(1 − β2ᵗ)/(1 − β1ᵗ); W ← W − α_t·m / (sqrt(v) + ε)`.
struct AdamEfficientForm: Optimizer {
    let h: Hyperparameters
    var m: Matrix?
    var v: Matrix?
    var t = 0
    init(hyperparameters: Hyperparameters) { h = hyperparameters }
    mutating func step(parameters: inout Matrix, gradient g: Matrix) {
        t += 1
        let first = h.beta1 * (m ?? .zeros(like: parameters)) + (1 - h.beta1) * g
        let second = h.beta2 * (v ?? .zeros(like: parameters)) + (1 - h.beta2) * g * g
        m = first
        v = second
        let step = Double(t)
        let rate = h.learningRate * (1 - pow(h.beta2, step)).squareRoot() / (1 - pow(h.beta1, step))
        parameters -= rate * first / (sqrt(second) + h.epsilon)
    }
}

/// Adam with t counted from 0: `m̂ = m/(1 − β1ᵗ)` with t = 0 at the first step, a division by zero.
struct AdamStepCountFromZero: Optimizer {
    let h: Hyperparameters
    var m: Matrix?
    var v: Matrix?
    var t = 0
    init(hyperparameters: Hyperparameters) { h = hyperparameters }
    mutating func step(parameters: inout Matrix, gradient g: Matrix) {
        let first = h.beta1 * (m ?? .zeros(like: parameters)) + (1 - h.beta1) * g
        let second = h.beta2 * (v ?? .zeros(like: parameters)) + (1 - h.beta2) * g * g
        m = first
        v = second
        let step = Double(t)
        let mHat = first / (1 - pow(h.beta1, step))
        let vHat = second / (1 - pow(h.beta2, step))
        parameters -= h.learningRate * mHat / (sqrt(vHat) + h.epsilon)
        t += 1
    }
}

/// Adam whose step count stays at 1: `m̂ = m/(1 − β1)`, `v̂ = v/(1 − β2)` at every step.
struct AdamStepCountNotIncremented: Optimizer {
    let h: Hyperparameters
    var m: Matrix?
    var v: Matrix?
    init(hyperparameters: Hyperparameters) { h = hyperparameters }
    mutating func step(parameters: inout Matrix, gradient g: Matrix) {
        let first = h.beta1 * (m ?? .zeros(like: parameters)) + (1 - h.beta1) * g
        let second = h.beta2 * (v ?? .zeros(like: parameters)) + (1 - h.beta2) * g * g
        m = first
        v = second
        let mHat = first / (1 - h.beta1)
        let vHat = second / (1 - h.beta2)
        parameters -= h.learningRate * mHat / (sqrt(vHat) + h.epsilon)
    }
}

/// Adam with the decays swapped: `m ← β2 m + (1 − β2) g; v ← β1 v + (1 − β1) g²`, corrections to match.
struct AdamBetasSwapped: Optimizer {
    var reference: Adam
    init(hyperparameters: Hyperparameters) {
        var swapped = hyperparameters
        swapped.beta1 = hyperparameters.beta2
        swapped.beta2 = hyperparameters.beta1
        reference = Adam(hyperparameters: swapped)
    }
    mutating func step(parameters: inout Matrix, gradient: Matrix) {
        reference.step(parameters: &parameters, gradient: gradient)
    }
}

/// Adam without the square root: `W ← W − α m̂ / (v̂ + ε)`.
struct AdamWithoutRoot: Optimizer {
    let h: Hyperparameters
    var m: Matrix?
    var v: Matrix?
    var t = 0
    init(hyperparameters: Hyperparameters) { h = hyperparameters }
    mutating func step(parameters: inout Matrix, gradient g: Matrix) {
        t += 1
        let first = h.beta1 * (m ?? .zeros(like: parameters)) + (1 - h.beta1) * g
        let second = h.beta2 * (v ?? .zeros(like: parameters)) + (1 - h.beta2) * g * g
        m = first
        v = second
        let step = Double(t)
        let mHat = first / (1 - pow(h.beta1, step))
        let vHat = second / (1 - pow(h.beta2, step))
        parameters -= h.learningRate * mHat / (vHat + h.epsilon)
    }
}
