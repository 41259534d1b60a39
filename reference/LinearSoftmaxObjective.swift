import GradeKit

/// The full objective of a linear softmax classifier, as `softmax_loss_vectorized(W, X, y, reg)`.
///
/// With `S = X·W`: `L(W) = (1/N) Σ_i −log(e^{s_{y_i}} / Σ_j e^{s_j}) + λ Σ W²` and
/// `∂L/∂W = Xᵀ·(softmax(S) − onehot(y))/N + 2λW`, λ = ``Hyperparameters/regularization``.
/// The data term is ``SoftmaxLoss``.
public struct LinearSoftmaxObjective: LinearClassifierObjective {
    // BEGIN SOLUTION
    /// The score loss of the data term.
    public let dataLoss: SoftmaxLoss
    // END SOLUTION
    /// The regularization strength λ.
    public let regularization: Double

    /// Creates the objective with λ = ``Hyperparameters/regularization``.
    public init(hyperparameters: Hyperparameters) {
        // BEGIN SOLUTION
        dataLoss = SoftmaxLoss(hyperparameters: hyperparameters)
        // END SOLUTION
        regularization = hyperparameters.regularization
    }

    /// The regularized mean cross-entropy of `S = X·W` and its gradient `Xᵀ·dS + 2λW`.
    public func lossAndGradient(weights: Matrix, inputs: Matrix, labels: [Int]) -> LossAndGradient {
        // BEGIN SOLUTION
        let data = dataLoss.lossAndGradient(scores: inputs.dot(weights), labels: labels)
        return LossAndGradient(
            loss: data.loss + regularization * (weights * weights).sum(),
            gradient: inputs.transposed().dot(data.gradient) + (2 * regularization) * weights)
        // END SOLUTION
    }
}
