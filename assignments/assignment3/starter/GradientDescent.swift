import GradeKit

/// Vanilla gradient descent, registered as `gradient-descent`: `W ← W − α g`.
///
/// CS231n `optim.py`'s `sgd(w, dw, config)`. It keeps no state.
public struct GradientDescent: Optimizer {
    /// The learning rate α. Default 1e-3.
    let learningRate: Double

    public init(hyperparameters: Hyperparameters) {
        learningRate = hyperparameters.learningRate
    }

    /// Updates the parameters in place with one step.
    ///
    /// - Parameters:
    ///   - parameters: `W`, any shape; updated in place.
    ///   - gradient: `g = ∂L/∂W`, with the shape of `W`.
    public mutating func step(parameters: inout Matrix, gradient: Matrix) {
        // TODO: w -= learning_rate * dw  → parameters -= learningRate * gradient
        notImplemented("GradientDescent.step")
    }
}
