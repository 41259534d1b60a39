import GradeKit

/// Nesterov momentum, registered as `nesterov`, in the form that looks ahead through the
/// velocity (CS231n notes):
///
/// `v_prev ← v; v ← ρv − αg; W ← W − ρ v_prev + (1 + ρ) v`, with ρ = ``Hyperparameters/momentum``.
/// The velocity v starts at zero and persists across steps.
public struct Nesterov: Optimizer {
    /// The learning rate α. Default 1e-3.
    let learningRate: Double
    /// The momentum ρ. Default 0.9.
    let momentum: Double
    /// The velocity v, created as zeros shaped like the first parameters seen.
    private var velocity: Matrix?

    public init(hyperparameters: Hyperparameters) {
        learningRate = hyperparameters.learningRate
        momentum = hyperparameters.momentum
    }

    /// Updates the parameters in place with one step, and the velocity with it.
    ///
    /// - Parameters:
    ///   - parameters: `W`, any shape; updated in place.
    ///   - gradient: `g = ∂L/∂W`, with the shape of `W`.
    public mutating func step(parameters: inout Matrix, gradient: Matrix) {
        // TODO: From the CS231n notes:
        //   v_prev = v                                  (v = velocity ?? .zeros(like: parameters))
        //   v = mu * v - learning_rate * dx
        //   x += -mu * v_prev + (1 + mu) * v
        //   then store v back in `velocity`.
        //
        // Classic mistake: plain momentum (`x += v`) under another name; the update uses both
        // the old and the new velocity.
        notImplemented("Nesterov.step")
    }
}
