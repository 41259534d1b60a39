/// The triplet loss of anchors, positives and negatives, with `d` the Euclidean distance.
///
/// `L(a, p, n) = max(0, m + d(a, p) − d(a, n))`, mean over the N triplets,
/// m = ``Hyperparameters/margin``. When the hinge is active, with `u_p = (a − p)/d(a, p)` and
/// `u_n = (a − n)/d(a, n)`: `∂L/∂a = u_p − u_n`, `∂L/∂p = −u_p`, `∂L/∂n = u_n` (each divided by N);
/// otherwise all three are 0. An easy negative (`d(a, n) > d(a, p) + m`) gives loss 0;
/// hard (`d(a, n) < d(a, p)`) and semi-hard (`d(a, p) < d(a, n) < d(a, p) + m`) negatives
/// give a positive loss.
public protocol TripletLoss: Component {
    /// The mean triplet loss and its gradients.
    ///
    /// - Parameters:
    ///   - anchors: `a`, N×D.
    ///   - positives: `p`, N×D.
    ///   - negatives: `n`, N×D.
    /// - Returns: `L` and the gradients with respect to `a`, `p` and `n`, each N×D.
    func lossAndGradients(anchors: Matrix, positives: Matrix, negatives: Matrix) -> TripletLossAndGradients
}

extension ComponentFamily {
    /// The components that conform to ``TripletLoss``: `triplet-loss` in case files.
    public static let tripletLoss = ComponentFamily("triplet-loss")
}

extension TripletLoss {
    /// ``ComponentFamily/tripletLoss``, whatever the conforming type.
    public static var family: ComponentFamily { .tripletLoss }
}
