import GradeKit

/// Plain gradient descent, the update of full-batch descent and of minibatch SGD.
///
/// `W ← W − α g`, α = ``Hyperparameters/learningRate``. It keeps no state.
public struct GradientDescent: Optimizer {
    /// The learning rate α.
    public let learningRate: Double

    /// Creates the optimizer with α = ``Hyperparameters/learningRate``.
    public init(hyperparameters: Hyperparameters) { learningRate = hyperparameters.learningRate }

    /// Applies `W ← W − α g`.
    public mutating func step(parameters: inout Matrix, gradient: Matrix) {
        // BEGIN SOLUTION
        parameters -= learningRate * gradient
        // END SOLUTION
    }
}
