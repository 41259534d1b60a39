/// A loss of two embeddings and its gradients with respect to both.
public struct PairLossAndGradients: Sendable, Hashable, Codable {
    /// The scalar loss, a mean over pairs.
    public var loss: Double
    /// ∂L/∂r0, with the shape of the first embeddings.
    public var gradientFirst: Matrix
    /// ∂L/∂r1, with the shape of the second embeddings.
    public var gradientSecond: Matrix

    /// Creates a loss and its gradients.
    public init(loss: Double, gradientFirst: Matrix, gradientSecond: Matrix) {
        self.loss = loss
        self.gradientFirst = gradientFirst
        self.gradientSecond = gradientSecond
    }
}
