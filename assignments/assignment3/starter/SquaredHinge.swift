import GradeKit

/// The squared hinge loss, registered as `squared-hinge`.
///
/// With `m_j = s_j − s_{y_i} + Δ`: `L_i = Σ_{j≠y_i} max(0, m_j)²` and `L = (1/N) Σ_i L_i`.
/// The gradient of `L_i` is `∂L_i/∂s_j = 2·max(0, m_j)` for `j ≠ y_i`, and at `y_i` minus the
/// sum of those; the gradient of the mean divides by N.
///
/// It is a different loss from the hinge, not a rescaling of it: it punishes large
/// violations much more than small ones.
public struct SquaredHinge: ScoreLoss {
    /// The margin Δ. Default 1.
    let margin: Double

    public init(hyperparameters: Hyperparameters) {
        margin = hyperparameters.margin
    }

    /// The mean squared hinge loss over samples and its gradient with respect to the scores.
    ///
    /// - Parameters:
    ///   - scores: `S`, N×C.
    ///   - labels: `y`, N integers in `0..<C`.
    /// - Returns: `L` and `∂L/∂S`, N×C.
    public func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        // TODO: The same loops as `MulticlassSVM`, with two changes:
        //   loss += m * m                 (instead of m), for m > 0
        //   dS[i, j] += 2 * m             (instead of 1), and dS[i, labels[i]] -= 2 * m
        // Skip j == y_i, and divide the loss and dS by N (a mean, not a sum).
        notImplemented("SquaredHinge.lossAndGradient")
    }
}
