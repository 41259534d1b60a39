/// A loss value together with its gradient with respect to one input,
/// the pair that `svm_loss_vectorized` returns as `loss, dW`.
public struct LossAndGradient: Sendable, Hashable, Codable {
    /// The scalar loss.
    public var loss: Double
    /// The gradient of ``loss`` with respect to the input, with that input's shape.
    public var gradient: Matrix

    /// Creates a loss and its gradient.
    public init(loss: Double, gradient: Matrix) {
        self.loss = loss
        self.gradient = gradient
    }
}
