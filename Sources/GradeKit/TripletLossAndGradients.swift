/// A triplet loss and its gradients with respect to anchors, positives and negatives.
public struct TripletLossAndGradients: Sendable, Hashable, Codable {
    /// The scalar loss, a mean over triplets.
    public var loss: Double
    /// ∂L/∂a, with the shape of the anchors.
    public var gradientAnchors: Matrix
    /// ∂L/∂p, with the shape of the positives.
    public var gradientPositives: Matrix
    /// ∂L/∂n, with the shape of the negatives.
    public var gradientNegatives: Matrix

    /// Creates a loss and its gradients.
    public init(loss: Double, gradientAnchors: Matrix, gradientPositives: Matrix, gradientNegatives: Matrix) {
        self.loss = loss
        self.gradientAnchors = gradientAnchors
        self.gradientPositives = gradientPositives
        self.gradientNegatives = gradientNegatives
    }
}
