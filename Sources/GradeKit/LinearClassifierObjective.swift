/// The full objective of a linear classifier, as `svm_loss_vectorized(W, X, y, reg)`.
///
/// With `S = X·W`: `L(W) = (1/N) Σ_i L_i(S_i, y_i) + λ Σ W²` and
/// `∂L/∂W = Xᵀ·(∂data-loss/∂S) + 2λW`, λ = ``Hyperparameters/regularization``.
/// - `linear-svm`: `L_i` is the multiclass SVM loss (margin Δ = ``Hyperparameters/margin``).
/// - `linear-softmax`: `L_i` is the softmax cross-entropy loss.
public protocol LinearClassifierObjective: Component {
    /// The regularized mean loss and its gradient with respect to the weights.
    ///
    /// - Parameters:
    ///   - weights: `W`, D×C.
    ///   - inputs: `X`, N×D (one sample a row).
    ///   - labels: `y`, N integers in `0..<C`.
    /// - Returns: `L(W)` and `∂L/∂W`, D×C.
    func lossAndGradient(weights: Matrix, inputs: Matrix, labels: [Int]) -> LossAndGradient
}

extension ComponentFamily {
    /// The components that conform to ``LinearClassifierObjective``: `linear-objective` in case files.
    public static let linearObjective = ComponentFamily("linear-objective")
}

extension LinearClassifierObjective {
    /// ``ComponentFamily/linearObjective``, whatever the conforming type.
    public static var family: ComponentFamily { .linearObjective }
}
