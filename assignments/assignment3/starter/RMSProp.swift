import GradeKit

/// RMSProp, registered as `rmsprop`:
///
/// `c ← δc + (1 − δ)g²; W ← W − α g / (sqrt(c) + ε)`, with δ = ``Hyperparameters/decayRate``
/// (default 0.99) and ε = ``Hyperparameters/epsilon``. CS231n `optim.py`'s `rmsprop`.
/// The cache c starts at zero and persists across steps.
public struct RMSProp: Optimizer {
    /// The learning rate α. Default 1e-3.
    let learningRate: Double
    /// The decay rate δ of the cache. Default 0.99.
    let decayRate: Double
    /// The ε added to the root. Default 1e-8.
    let epsilon: Double
    /// The moving average of squared gradients c, created as zeros shaped like the first parameters seen.
    private var cache: Matrix?

    public init(hyperparameters: Hyperparameters) {
        learningRate = hyperparameters.learningRate
        decayRate = hyperparameters.decayRate
        epsilon = hyperparameters.epsilon
    }

    /// Updates the parameters in place with one step, and the cache with it.
    ///
    /// - Parameters:
    ///   - parameters: `W`, any shape; updated in place.
    ///   - gradient: `g = ∂L/∂W`, with the shape of `W`.
    public mutating func step(parameters: inout Matrix, gradient: Matrix) {
        // TODO: As `rmsprop` in optim.py, with `config['cache']` the stored property `cache`:
        //   cache = decay_rate * cache + (1 - decay_rate) * dw**2
        //   next_w = w - learning_rate * dw / (np.sqrt(cache) + eps)
        // Here ε is OUTSIDE the root (unlike Adagrad above). Store the cache back for the next step.
        notImplemented("RMSProp.step")
    }
}
