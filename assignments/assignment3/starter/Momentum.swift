import GradeKit

/// Gradient descent with momentum, registered as `momentum`.
///
/// `v ← ρv − αg; W ← W + v`, with ρ = ``Hyperparameters/momentum`` (default 0.9).
/// CS231n `optim.py`'s `sgd_momentum`. The velocity v starts at zero and persists across steps.
public struct Momentum: Optimizer {
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
        // TODO: As `sgd_momentum`, where `config['velocity']` is the stored property `velocity`:
        //   var v = velocity ?? .zeros(like: parameters)    // config.get('velocity', np.zeros_like(w))
        //   v = momentum * v - learning_rate * dw
        //   next_w = w + v
        //   velocity = v                                     // keep it for the next step
        //
        // Classic mistake: a local v that starts at zero on every call. The grader calls `step`
        // many times on the same value; the velocity must carry over.
        notImplemented("Momentum.step")
    }
}
