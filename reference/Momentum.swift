import GradeKit

/// Gradient descent with (heavy-ball) momentum.
///
/// `v ← ρv − αg; W ← W + v`, with ρ = ``Hyperparameters/momentum``, α = ``Hyperparameters/learningRate``
/// and v starting at zero.
public struct Momentum: Optimizer {
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

    /// Applies `v ← ρv − αg; W ← W + v`.
    public mutating func step(parameters: inout Matrix, gradient: Matrix) {
        // BEGIN SOLUTION
        let v = momentum * (velocity ?? .zeros(like: parameters)) - learningRate * gradient
        velocity = v
        parameters += v
        // END SOLUTION
    }
}
