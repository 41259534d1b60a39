import GradeKit

/// The pairwise (contrastive) loss on embeddings, registered as `contrastive`.
///
/// With `d = ‖r0 − r1‖` the Euclidean distance (not squared) and m the margin:
/// `L(r0, r1, y) = y·d + (1 − y)·max(0, m − d)`, where `y = 1` marks a positive (similar) pair
/// and `y = 0` a negative pair; the loss is the mean over the N pairs.
/// With `u = (r0 − r1)/d`: `∂L/∂r0 = y·u − (1 − y)·1[m − d > 0]·u` and `∂L/∂r1 = −∂L/∂r0`,
/// each divided by N. At `d = 0` the gradient of `d` is taken as 0.
public struct ContrastiveLoss: PairwiseLoss {
    /// The margin m a negative pair must be pushed beyond. Default 1.
    let margin: Double

    public init(hyperparameters: Hyperparameters) {
        margin = hyperparameters.margin
    }

    /// The mean contrastive loss and its gradients with respect to both embeddings.
    ///
    /// - Parameters:
    ///   - first: `r0`, N×D (one embedding a row).
    ///   - second: `r1`, N×D.
    ///   - similar: N labels, 1 for a positive pair and 0 for a negative pair.
    /// - Returns: `L`, `∂L/∂r0` and `∂L/∂r1`, both N×D.
    public func lossAndGradients(first: Matrix, second: Matrix, similar: [Int]) -> PairLossAndGradients {
        // TODO: For each pair i:
        //   let diff = zip(first[row: i], second[row: i]).map { $0 - $1 }    // r0 - r1, [Double]
        //   let d = (diff.map { $0 * $0 }.reduce(0, +)).squareRoot()         // np.linalg.norm(diff)
        //   loss_i = y·d + (1 − y)·max(0, margin − d)
        //   u = d > 0 ? diff / d : 0                                         // no division by 0
        //   grad0[i] = (y − (1 − y)·1[margin − d > 0]) · u,  grad1[i] = −grad0[i]
        // then the mean over N of the loss, and both gradients divided by N.
        //
        // Classic mistake: the squared distance d² (a common variant); here d is not squared.
        notImplemented("ContrastiveLoss.lossAndGradients")
    }
}
