import Foundation
import GradeKit

/// Learning-rate step decay, registered as `step-decay`.
///
/// `α_t = α₀ · γ^⌊t/k⌋`, with α₀ = ``Hyperparameters/learningRate``,
/// γ = ``Hyperparameters/decayFactor`` (default 0.5) and k = ``Hyperparameters/decayEvery``
/// (default 10): the rate is multiplied by γ every k steps.
public struct StepDecay: LearningRateSchedule {
    /// The initial learning rate α₀. Default 1e-3.
    let initialLearningRate: Double
    /// The factor γ applied every k steps. Default 0.5.
    let decayFactor: Double
    /// The period k, in steps. Default 10.
    let decayEvery: Int

    public init(hyperparameters: Hyperparameters) {
        initialLearningRate = hyperparameters.learningRate
        decayFactor = hyperparameters.decayFactor
        decayEvery = hyperparameters.decayEvery
    }

    /// The learning rate at step `t` (t starts at 0).
    public func learningRate(atStep t: Int) -> Double {
        // TODO: lr = lr0 * gamma ** (t // k)  → initialLearningRate * pow(decayFactor, Double(t / decayEvery))
        //
        // `t / decayEvery` between two Ints is already the floor division ⌊t/k⌋ for t ≥ 0;
        // converting to Double before dividing gives a smooth exponential decay instead of steps.
        notImplemented("StepDecay.learningRate")
    }
}
