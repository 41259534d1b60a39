import GradeKit

/// The multiclass SVM (hinge) loss, registered as `multiclass-svm`.
///
/// With `m_j = s_j − s_{y_i} + Δ` for each row `s` of the N×C scores:
/// `L_i = Σ_{j≠y_i} max(0, m_j)` and `L = (1/N) Σ_i L_i`.
/// The gradient of `L_i` is `∂L_i/∂s_j = 1[m_j > 0]` for `j ≠ y_i` and
/// `∂L_i/∂s_{y_i} = −#{j ≠ y_i : m_j > 0}`; the gradient of the mean divides by N.
///
/// The numpy counterparts are `svm_loss_naive` and `svm_loss_vectorized`, taken with
/// respect to the scores instead of W.
public struct MulticlassSVM: ScoreLoss {
    /// The margin Δ. Default 1.
    let margin: Double

    public init(hyperparameters: Hyperparameters) {
        margin = hyperparameters.margin
    }

    /// The mean hinge loss over samples and its gradient with respect to the scores.
    ///
    /// - Parameters:
    ///   - scores: `S`, N×C.
    ///   - labels: `y`, N integers in `0..<C`.
    /// - Returns: `L` and `∂L/∂S`, N×C.
    public func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        // TODO: Compute the loss and dS, as `svm_loss_naive` does (then vectorize if you like).
        //
        //   let (n, c) = scores.shape
        //   var loss = 0.0
        //   var dS = Matrix.zeros(n, c)
        //   for i in 0..<n {
        //       let correct = scores[i, labels[i]]          // scores[i, y[i]]
        //       for j in 0..<c where j != labels[i] {
        //           let m = scores[i, j] - correct + margin
        //           if m > 0 { ... }                          // add m to the loss, update dS[i, j] and dS[i, labels[i]]
        //       }
        //   }
        //   ... divide both by N ...
        //
        // Vectorized (`svm_loss_vectorized`): margins = maximum(scores - scores.picking(labels) + margin, 0)
        // (`picking` is numpy's scores[np.arange(N), y], an N×1 column), then zero the y_i entries
        // (Matrix.oneHot(labels, classes: c) marks them) before summing.
        //
        // Classic mistakes:
        // - Summing over j = y_i too: that adds exactly Δ to every L_i.
        // - Summing over samples instead of taking the mean: the loss grows N times too large.
        // - Using `>=`: at a kink (m == 0) the subgradient is 0, so the test is strict `m > 0`.
        //
        // Check: scores [[3.2, 5.1, -1.7], [1.3, 4.9, 2.0], [2.2, 2.5, -3.1]], labels [0, 1, 2]
        // give per-sample losses 2.9, 0, 12.9 and a mean of 5.2667. Scores all ≈ 0 give C − 1.
        notImplemented("MulticlassSVM.lossAndGradient")
    }
}
