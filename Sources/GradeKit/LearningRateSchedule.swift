/// A learning-rate schedule: the rate to use at step t.
///
/// `step-decay`: `α_t = α₀ · γ^⌊t/k⌋` with α₀ = ``Hyperparameters/learningRate``,
/// γ = ``Hyperparameters/decayFactor`` and k = ``Hyperparameters/decayEvery``.
public protocol LearningRateSchedule: Component {
    /// The learning rate at step `t` (t starts at 0).
    func learningRate(atStep t: Int) -> Double
}

extension ComponentFamily {
    /// The components that conform to ``LearningRateSchedule``: `learning-rate-schedule` in case files.
    public static let learningRateSchedule = ComponentFamily("learning-rate-schedule")
}

extension LearningRateSchedule {
    /// ``ComponentFamily/learningRateSchedule``, whatever the conforming type.
    public static var family: ComponentFamily { .learningRateSchedule }
}
