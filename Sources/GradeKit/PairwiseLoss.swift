/// The pairwise (contrastive) loss of two embeddings, with `d` the Euclidean distance (not squared).
///
/// `L(r0, r1, y) = y·d(r0, r1) + (1 − y)·max(0, m − d(r0, r1))`, where `y = 1` marks a
/// positive (similar) pair and `y = 0` a negative pair, and m = ``Hyperparameters/margin``.
/// The loss is the mean over the N pairs. With `u = (r0 − r1)/d`:
/// `∂L/∂r0 = y·u − (1 − y)·1[m − d > 0]·u` and `∂L/∂r1 = −∂L/∂r0` (each divided by N).
/// At `d = 0` the gradient of `d` is taken as 0.
public protocol PairwiseLoss: Component {
    /// The mean contrastive loss and its gradients.
    ///
    /// - Parameters:
    ///   - first: `r0`, N×D (one embedding a row).
    ///   - second: `r1`, N×D.
    ///   - similar: N labels, 1 for a positive pair and 0 for a negative pair.
    /// - Returns: `L`, `∂L/∂r0` and `∂L/∂r1`, both N×D.
    func lossAndGradients(first: Matrix, second: Matrix, similar: [Int]) -> PairLossAndGradients
}

extension ComponentFamily {
    /// The components that conform to ``PairwiseLoss``: `pairwise-loss` in case files.
    public static let pairwiseLoss = ComponentFamily("pairwise-loss")
}

extension PairwiseLoss {
    /// ``ComponentFamily/pairwiseLoss``, whatever the conforming type.
    public static var family: ComponentFamily { .pairwiseLoss }
}
