import GradeKit

/// Nesterov accelerated gradient, in the form that looks ahead through the velocity.
///
/// `v_prev ← v; v ← ρv − αg; W ← W − ρ v_prev + (1 + ρ) v`, with ρ = ``Hyperparameters/momentum``,
/// α = ``Hyperparameters/learningRate`` and v starting at zero.
public struct Nesterov: Optimizer {
    /// The learning rate α.
    public let learningRate: Double
    /// The momentum ρ.
    public let momentum: Double
    /// The velocity v, nil before the first step.
    public private(set) var velocity: Matrix?

    /// Creates the optimizer with α = ``Hyperparameters/learningRate`` and ρ = ``Hyperparameters/momentum``.
    public init(hyperparameters: Hyperparameters) {
        learningRate = hyperparameters.learningRate
        momentum = hyperparameters.momentum
    }

    /// Applies `v_prev ← v; v ← ρv − αg; W ← W − ρ v_prev + (1 + ρ) v`.
    public mutating func step(parameters: inout Matrix, gradient: Matrix) {
        // BEGIN SOLUTION
        let previous = velocity ?? .zeros(like: parameters)
        let v = momentum * previous - learningRate * gradient
        velocity = v
        parameters += (1 + momentum) * v - momentum * previous
        // END SOLUTION
    }
}
