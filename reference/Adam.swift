import Foundation
import GradeKit

/// Adam: momentum on the gradient and RMSProp scaling, both bias-corrected.
///
/// With t starting at 1: `m ← β1 m + (1 − β1) g; v ← β2 v + (1 − β2) g²;
/// m̂ = m / (1 − β1ᵗ); v̂ = v / (1 − β2ᵗ); W ← W − α m̂ / (sqrt(v̂) + ε)`,
/// with β1 = ``Hyperparameters/beta1``, β2 = ``Hyperparameters/beta2``,
/// α = ``Hyperparameters/learningRate``, ε = ``Hyperparameters/epsilon`` and m, v starting at zero.
public struct Adam: Optimizer {
    /// The learning rate α.
    public let learningRate: Double
    /// The first-moment decay β1.
    public let beta1: Double
    /// The second-moment decay β2.
    public let beta2: Double
    /// The ε added to the root.
    public let epsilon: Double
    /// The first moment m, nil before the first step.
    public private(set) var firstMoment: Matrix?
    /// The second moment v, nil before the first step.
    public private(set) var secondMoment: Matrix?
    /// The number of steps taken, t.
    public private(set) var stepCount = 0

    /// Creates the optimizer with α, β1, β2 and ε from the hyper-parameters.
    public init(hyperparameters: Hyperparameters) {
        learningRate = hyperparameters.learningRate
        beta1 = hyperparameters.beta1
        beta2 = hyperparameters.beta2
        epsilon = hyperparameters.epsilon
    }

    /// Applies one bias-corrected Adam step, `W ← W − α m̂ / (sqrt(v̂) + ε)`.
    public mutating func step(parameters: inout Matrix, gradient: Matrix) {
        // BEGIN SOLUTION
        stepCount += 1
        let m = beta1 * (firstMoment ?? .zeros(like: parameters)) + (1 - beta1) * gradient
        let v = beta2 * (secondMoment ?? .zeros(like: parameters)) + (1 - beta2) * (gradient * gradient)
        firstMoment = m
        secondMoment = v
        let t = Double(stepCount)
        let mHat = m / (1 - pow(beta1, t))
        let vHat = v / (1 - pow(beta2, t))
        parameters -= learningRate * mHat / (sqrt(vHat) + epsilon)
        // END SOLUTION
    }
}
