import Foundation
import GradeKit

/// Learning-rate step decay: the rate is multiplied by γ every k steps.
///
/// `α_t = α₀ · γ^⌊t/k⌋`, with α₀ = ``Hyperparameters/learningRate``, γ = ``Hyperparameters/decayFactor``
/// and k = ``Hyperparameters/decayEvery``; t starts at 0. A period k ≤ 0 means no decay.
public struct StepDecaySchedule: LearningRateSchedule {
    /// The initial rate α₀.
    public let initialRate: Double
    /// The factor γ.
    public let decayFactor: Double
    /// The period k, in steps.
    public let decayEvery: Int

    /// Creates the schedule with α₀, γ and k from the hyper-parameters.
    public init(hyperparameters: Hyperparameters) {
        initialRate = hyperparameters.learningRate
        decayFactor = hyperparameters.decayFactor
        decayEvery = hyperparameters.decayEvery
    }

    /// The rate `α₀ · γ^⌊t/k⌋` at step t.
    public func learningRate(atStep t: Int) -> Double {
        // BEGIN SOLUTION
        guard decayEvery > 0 else { return initialRate }
        let (quotient, remainder) = t.quotientAndRemainder(dividingBy: decayEvery)
        let periods = remainder < 0 ? quotient - 1 : quotient
        return initialRate * pow(decayFactor, Double(periods))
        // END SOLUTION
    }
}
