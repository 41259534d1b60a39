import GradeKit

/// Adagrad, with ε inside the square root as in the lecture.
///
/// `n ← n + g²; W ← W − α g / sqrt(n + ε)`, with α = ``Hyperparameters/learningRate``,
/// ε = ``Hyperparameters/epsilon`` and n starting at zero. (The other common form,
/// `α g / (sqrt(n) + ε)`, is a different convention.)
public struct Adagrad: Optimizer {
    /// The learning rate α.
    public let learningRate: Double
    /// The ε inside the square root.
    public let epsilon: Double
    /// The running sum of squared gradients n, nil before the first step.
    public private(set) var squaredGradientSum: Matrix?

    /// Creates the optimizer with α = ``Hyperparameters/learningRate`` and ε = ``Hyperparameters/epsilon``.
    public init(hyperparameters: Hyperparameters) {
        learningRate = hyperparameters.learningRate
        epsilon = hyperparameters.epsilon
    }

    /// Applies `n ← n + g²; W ← W − α g / sqrt(n + ε)`.
    public mutating func step(parameters: inout Matrix, gradient: Matrix) {
        // BEGIN SOLUTION
        let n = (squaredGradientSum ?? .zeros(like: parameters)) + gradient * gradient
        squaredGradientSum = n
        parameters -= learningRate * gradient / sqrt(n + epsilon)
        // END SOLUTION
    }
}
