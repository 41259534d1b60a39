import GradeKit

/// The full objective of a linear SVM classifier, registered as `linear-svm`:
/// `svm_loss_vectorized(W, X, y, reg)`.
///
/// With `S = X·W`: `L(W) = (1/N) Σ_i L_i(S_i, y_i) + λ Σ W²` and
/// `∂L/∂W = Xᵀ·(∂data-loss/∂S) + 2λW`, where `L_i` is the multiclass SVM loss and
/// λ = ``Hyperparameters/regularization``.
public struct LinearSVM: LinearClassifierObjective {
    /// The data loss on the scores, with the same margin Δ.
    let dataLoss: MulticlassSVM
    /// The regularization strength λ. Default 0.
    let regularization: Double

    public init(hyperparameters: Hyperparameters) {
        dataLoss = MulticlassSVM(hyperparameters: hyperparameters)
        regularization = hyperparameters.regularization
    }

    /// The regularized mean loss and its gradient with respect to the weights.
    ///
    /// - Parameters:
    ///   - weights: `W`, D×C.
    ///   - inputs: `X`, N×D (one sample a row).
    ///   - labels: `y`, N integers in `0..<C`.
    /// - Returns: `L(W)` and `∂L/∂W`, D×C.
    public func lossAndGradient(weights: Matrix, inputs: Matrix, labels: [Int]) -> LossAndGradient {
        // TODO: The chain rule through S = X·W, reusing your score loss:
        //   scores = X.dot(W)        → let scores = inputs.dot(weights)          // N×C
        //   loss, dS = ...           → let data = dataLoss.lossAndGradient(scores: scores, labels: labels)
        //   dW = X.T.dot(dS)         → inputs.T.dot(data.gradient)               // D×C
        //   loss += reg * np.sum(W * W);   dW += 2 * reg * W
        //
        // `data.gradient` is already divided by N, so do not divide again. Note that `*`
        // between matrices is elementwise; the matrix product is `dot`.
        // Until `MulticlassSVM` is implemented, this component reports "not implemented" too.
        notImplemented("LinearSVM.lossAndGradient")
    }
}
