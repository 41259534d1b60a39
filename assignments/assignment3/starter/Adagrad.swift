import GradeKit

/// Adagrad, registered as `adagrad`, in the lecture's form:
///
/// `n ← n + g²; W ← W − α g / sqrt(n + ε)`, with ε = ``Hyperparameters/epsilon`` (default 1e-8).
/// The sum of squares n starts at zero and persists across steps.
public struct Adagrad: Optimizer {
    /// The learning rate α. Default 1e-3.
    let learningRate: Double
    /// The ε that keeps the step finite while n is 0. Default 1e-8.
    let epsilon: Double
    /// The running sum of squared gradients n, created as zeros shaped like the first parameters seen.
    private var squaredGradientSum: Matrix?

    public init(hyperparameters: Hyperparameters) {
        learningRate = hyperparameters.learningRate
        epsilon = hyperparameters.epsilon
    }

    /// Updates the parameters in place with one step, and the sum of squares with it.
    ///
    /// - Parameters:
    ///   - parameters: `W`, any shape; updated in place.
    ///   - gradient: `g = ∂L/∂W`, with the shape of `W`.
    public mutating func step(parameters: inout Matrix, gradient: Matrix) {
        // TODO: grad_squared += dx * dx
        //       x -= learning_rate * dx / np.sqrt(grad_squared + eps)
        //   → n = (squaredGradientSum ?? .zeros(like: parameters)) + gradient * gradient
        //     parameters -= learningRate * gradient / sqrt(n + epsilon); store n back.
        //
        // Careful: ε goes INSIDE the square root here, as in the lecture. The other common form,
        // `dx / (np.sqrt(grad_squared) + eps)` (used by RMSProp and Adam below), is a different
        // convention and gives different numbers on the first steps.
        notImplemented("Adagrad.step")
    }
}
