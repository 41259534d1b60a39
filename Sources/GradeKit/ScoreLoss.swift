/// A loss on the N×C class scores of a classifier, such as the multiclass SVM or softmax.
///
/// Scores `S` are N×C: row `i` holds the C class scores of sample `i`, and `labels[i]`
/// is its correct class in `0..<C`. The loss is the **mean** over samples,
/// `L = (1/N) Σ_i L_i(S_i, y_i)`, and the gradient is `∂L/∂S`, N×C.
///
/// The course's score losses, with `m_j = s_j − s_{y_i} + Δ` (Δ = ``Hyperparameters/margin``):
/// - `multiclass-svm`: `L_i = Σ_{j≠y_i} max(0, m_j)`; `∂L_i/∂s_j = 1[m_j > 0]` for `j ≠ y_i`,
///   `∂L_i/∂s_{y_i} = −#{j ≠ y_i : m_j > 0}`. At a kink (`m_j == 0`) the subgradient is 0.
/// - `squared-hinge`: `L_i = Σ_{j≠y_i} max(0, m_j)²`; `∂L_i/∂s_j = 2·max(0, m_j)`, and minus
///   their sum at `y_i`.
/// - `softmax`: `L_i = −log(e^{s_{y_i}} / Σ_j e^{s_j})`; `∂L_i/∂S_i = p − onehot(y_i)` with
///   `p = softmax(S_i)`. Must be numerically stable: `[1000, 9, 9, 9]` gives a finite loss.
/// - `binary-cross-entropy`: scores are N×1 logits `z`, labels are 0 or 1;
///   `L_i = −[y log σ(z) + (1−y) log(1−σ(z))]`, `∂L_i/∂z = σ(z) − y`. Stable for large |z|.
///
/// Every gradient above is per sample; the gradient of the mean divides it by N.
public protocol ScoreLoss: Component {
    /// The mean loss over samples and its gradient with respect to the scores.
    ///
    /// - Parameters:
    ///   - scores: `S`, N×C.
    ///   - labels: `y`, N integers in `0..<C` (0 or 1 for binary cross-entropy).
    /// - Returns: `L = (1/N) Σ_i L_i` and `∂L/∂S`, N×C.
    func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient
}

extension ComponentFamily {
    /// The components that conform to ``ScoreLoss``: `score-loss` in case files.
    public static let scoreLoss = ComponentFamily("score-loss")
}

extension ScoreLoss {
    /// ``ComponentFamily/scoreLoss``, whatever the conforming type.
    public static var family: ComponentFamily { .scoreLoss }
}
