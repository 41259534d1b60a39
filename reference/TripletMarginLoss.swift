import GradeKit

/// The triplet loss of anchors, positives and negatives, with `d` the Euclidean distance, mean over triplets.
///
/// `L(a, p, n) = max(0, m + d(a, p) − d(a, n))`, m = ``Hyperparameters/margin``.
/// When the hinge is active (strictly positive), with `u_p = (a − p)/d(a, p)` and
/// `u_n = (a − n)/d(a, n)`: `∂L/∂a = u_p − u_n`, `∂L/∂p = −u_p`, `∂L/∂n = u_n`, each divided
/// by N; otherwise all three are 0. A zero distance contributes a zero unit vector.
/// Easy negatives (`d(a, n) > d(a, p) + m`) give 0; hard and semi-hard negatives give a positive loss.
public struct TripletMarginLoss: TripletLoss {
    /// The margin m.
    public let margin: Double

    /// Creates the loss with m = ``Hyperparameters/margin``.
    public init(hyperparameters: Hyperparameters) { margin = hyperparameters.margin }

    /// The mean of `max(0, m + d(a, p) − d(a, n))` and its gradients with respect to a, p and n.
    public func lossAndGradients(anchors: Matrix, positives: Matrix, negatives: Matrix) -> TripletLossAndGradients {
        // BEGIN SOLUTION
        let n = anchors.rows, dims = anchors.columns
        var gradientAnchors = Matrix.zeros(like: anchors)
        var gradientPositives = Matrix.zeros(like: anchors)
        var gradientNegatives = Matrix.zeros(like: anchors)
        var total = 0.0
        for i in 0..<n {
            let toPositive = (0..<dims).map { anchors[i, $0] - positives[i, $0] }
            let toNegative = (0..<dims).map { anchors[i, $0] - negatives[i, $0] }
            let dp = toPositive.reduce(0) { $0 + $1 * $1 }.squareRoot()
            let dn = toNegative.reduce(0) { $0 + $1 * $1 }.squareRoot()
            let hinge = margin + dp - dn
            guard hinge > 0 else { continue }
            total += hinge
            for k in 0..<dims {
                let up = dp > 0 ? toPositive[k] / dp : 0
                let un = dn > 0 ? toNegative[k] / dn : 0
                gradientAnchors[i, k] = up - un
                gradientPositives[i, k] = -up
                gradientNegatives[i, k] = un
            }
        }
        let scale = 1 / Double(Swift.max(n, 1))
        return TripletLossAndGradients(
            loss: total * scale, gradientAnchors: gradientAnchors * scale,
            gradientPositives: gradientPositives * scale, gradientNegatives: gradientNegatives * scale)
        // END SOLUTION
    }
}
