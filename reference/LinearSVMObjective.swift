import GradeKit

/// The full objective of a linear SVM classifier, as `svm_loss_vectorized(W, X, y, reg)`.
///
/// With `S = X·W`: `L(W) = (1/N) Σ_i Σ_{j≠y_i} max(0, s_j − s_{y_i} + Δ) + λ Σ W²` and
/// `∂L/∂W = Xᵀ·(∂data-loss/∂S) + 2λW`, Δ = ``Hyperparameters/margin``,
/// λ = ``Hyperparameters/regularization``. The data term is ``MulticlassSVMLoss``.
public struct LinearSVMObjective: LinearClassifierObjective {
    // BEGIN SOLUTION
    /// The score loss of the data term.
    public let dataLoss: MulticlassSVMLoss
    // END SOLUTION
    /// The regularization strength λ.
    public let regularization: Double

    /// Creates the objective with Δ = ``Hyperparameters/margin`` and λ = ``Hyperparameters/regularization``.
    public init(hyperparameters: Hyperparameters) {
        // BEGIN SOLUTION
        dataLoss = MulticlassSVMLoss(hyperparameters: hyperparameters)
        // END SOLUTION
        regularization = hyperparameters.regularization
    }

    /// The regularized mean hinge loss of `S = X·W` and its gradient `Xᵀ·dS + 2λW`.
    public func lossAndGradient(weights: Matrix, inputs: Matrix, labels: [Int]) -> LossAndGradient {
        // BEGIN SOLUTION
        let data = dataLoss.lossAndGradient(scores: inputs.dot(weights), labels: labels)
        return LossAndGradient(
            loss: data.loss + regularization * (weights * weights).sum(),
            gradient: inputs.transposed().dot(data.gradient) + (2 * regularization) * weights)
        // END SOLUTION
    }
}
