import GradeKit

// Neighbouring conventions of the optimizers, registered by `registerKnownMistakes(in:)`:
// each is a correct update of some other textbook, or the lecture's with one piece left out.

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
