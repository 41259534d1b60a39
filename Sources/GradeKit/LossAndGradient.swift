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

/// What a training loop returns: the trained weights and the loss of every iteration.
public struct TrainingResult: Sendable, Hashable, Codable {
    /// The weights after the last iteration.
    public var weights: Matrix
    /// The minibatch loss of each iteration, in order (`iterations` values).
    public var lossHistory: [Double]

    /// Creates a training result.
    public init(weights: Matrix, lossHistory: [Double]) {
        self.weights = weights
        self.lossHistory = lossHistory
    }
}
