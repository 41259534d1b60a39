import GradeKit

/// RMSProp: gradient descent scaled by a leaky average of squared gradients.
///
/// `c ← δc + (1 − δ)g²; W ← W − α g / (sqrt(c) + ε)`, with δ = ``Hyperparameters/decayRate``,
/// α = ``Hyperparameters/learningRate``, ε = ``Hyperparameters/epsilon`` and c starting at zero.
public struct RMSProp: Optimizer {
    /// The learning rate α.
    public let learningRate: Double
    /// The decay rate δ of the cache.
    public let decayRate: Double
    /// The ε added to the root.
    public let epsilon: Double
    /// The cache c, nil before the first step.
    public private(set) var cache: Matrix?

    /// Creates the optimizer with α, δ and ε from the hyper-parameters.
    public init(hyperparameters: Hyperparameters) {
        learningRate = hyperparameters.learningRate
        decayRate = hyperparameters.decayRate
        epsilon = hyperparameters.epsilon
    }

    /// Applies `c ← δc + (1 − δ)g²; W ← W − α g / (sqrt(c) + ε)`.
    public mutating func step(parameters: inout Matrix, gradient: Matrix) {
        // BEGIN SOLUTION
        let c = decayRate * (cache ?? .zeros(like: parameters)) + (1 - decayRate) * (gradient * gradient)
        cache = c
        parameters -= learningRate * gradient / (sqrt(c) + epsilon)
        // END SOLUTION
    }
}
