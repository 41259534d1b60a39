/// A learning-rate schedule: the rate to use at step t.
///
/// `step-decay`: `α_t = α₀ · γ^⌊t/k⌋` with α₀ = ``Hyperparameters/learningRate``,
/// γ = ``Hyperparameters/decayFactor`` and k = ``Hyperparameters/decayEvery``.
public protocol LearningRateSchedule: Component {
    /// The learning rate at step `t` (t starts at 0).
    func learningRate(atStep t: Int) -> Double
}
