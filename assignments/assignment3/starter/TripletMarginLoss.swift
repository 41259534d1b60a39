import GradeKit

/// The triplet loss on embeddings, registered as `triplet`.
///
/// With `d` the Euclidean distance (not squared) and m the margin:
/// `L(a, p, n) = max(0, m + d(a, p) − d(a, n))`, mean over the N triplets.
/// When the hinge is active (`m + d(a, p) − d(a, n) > 0`), with `u_p = (a − p)/d(a, p)` and
/// `u_n = (a − n)/d(a, n)`: `∂L/∂a = u_p − u_n`, `∂L/∂p = −u_p`, `∂L/∂n = u_n`, each divided
/// by N; otherwise all three are 0.
///
/// An easy negative (`d(a, n) > d(a, p) + m`) gives loss 0; hard (`d(a, n) < d(a, p)`) and
/// semi-hard (`d(a, p) < d(a, n) < d(a, p) + m`) negatives give a positive loss.
public struct TripletMarginLoss: TripletLoss {
    /// The margin m by which a negative must be farther than the positive. Default 1.
    let margin: Double

    public init(hyperparameters: Hyperparameters) {
        margin = hyperparameters.margin
    }

    /// The mean triplet loss and its gradients with respect to anchors, positives and negatives.
    ///
    /// - Parameters:
    ///   - anchors: `a`, N×D.
    ///   - positives: `p`, N×D.
    ///   - negatives: `n`, N×D.
    /// - Returns: `L` and the three gradients, each N×D.
    public func lossAndGradients(anchors: Matrix, positives: Matrix, negatives: Matrix) -> TripletLossAndGradients {
        // TODO: For each triplet i, compute the two distances from the rows (as in
        // `ContrastiveLoss`), then
        //   let h = margin + dAP - dAN
        //   if h > 0 { loss += h; set the three gradient rows from u_p and u_n }    // strict >
        // then the mean over N, and every gradient divided by N.
        //
        // A distance of 0 gives u = 0 (no division by 0). Start the gradients at
        // `Matrix.zeros(like: anchors)`: easy negatives keep zero rows.
        notImplemented("TripletMarginLoss.lossAndGradients")
    }
}
