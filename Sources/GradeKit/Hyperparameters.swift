/// The hyper-parameters a component is created with, each with the course's default.
///
/// Every component is created from one `Hyperparameters` value, so that a test case can
/// set, say, `margin: 2` or `temperature: 4` without the component's code changing.
/// A component reads only the fields its family uses; the documentation of each
/// protocol names them.
public struct Hyperparameters: Sendable, Hashable, Codable {
    /// The SVM margin Δ of `max(0, s_j − s_{y_i} + Δ)`, and the margin m of the
    /// contrastive and triplet losses. Default 1.
    public var margin: Double
    /// The distillation temperature T. Default 4.
    public var temperature: Double
    /// The distillation weight α of the soft-target term. Default 0.5.
    public var alpha: Double
    /// The elastic-net weight β of `Σ (β W² + |W|)`. Default 0.5.
    public var beta: Double
    /// The regularization strength λ of a linear classifier's `L(W) = data loss + λ Σ W²`. Default 0.
    public var regularization: Double
    /// The learning rate α of an optimizer (α₀ of a schedule). Default 1e-3.
    public var learningRate: Double
    /// The momentum ρ of momentum and Nesterov. Default 0.9.
    public var momentum: Double
    /// The decay rate δ of RMSProp's cache. Default 0.99.
    public var decayRate: Double
    /// Adam's first-moment decay β1. Default 0.9.
    public var beta1: Double
    /// Adam's second-moment decay β2. Default 0.999.
    public var beta2: Double
    /// The ε that keeps Adagrad, RMSProp and Adam from dividing by zero. Default 1e-8.
    public var epsilon: Double
    /// The step h of a centered difference. Default 1e-5.
    public var step: Double
    /// The factor γ of learning-rate step decay `α_t = α₀ · γ^⌊t/k⌋`. Default 0.5.
    public var decayFactor: Double
    /// The period k, in steps, of learning-rate step decay. Default 10.
    public var decayEvery: Int
    /// The minibatch size of stochastic gradient descent. Default 32.
    public var batchSize: Int
    /// The number of iterations of a training loop. Default 100.
    public var iterations: Int

    /// Creates hyper-parameters; every argument defaults to the course's value.
    public init(
        margin: Double = 1,
        temperature: Double = 4,
        alpha: Double = 0.5,
        beta: Double = 0.5,
        regularization: Double = 0,
        learningRate: Double = 1e-3,
        momentum: Double = 0.9,
        decayRate: Double = 0.99,
        beta1: Double = 0.9,
        beta2: Double = 0.999,
        epsilon: Double = 1e-8,
        step: Double = 1e-5,
        decayFactor: Double = 0.5,
        decayEvery: Int = 10,
        batchSize: Int = 32,
        iterations: Int = 100
    ) {
        self.margin = margin
        self.temperature = temperature
        self.alpha = alpha
        self.beta = beta
        self.regularization = regularization
        self.learningRate = learningRate
        self.momentum = momentum
        self.decayRate = decayRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.step = step
        self.decayFactor = decayFactor
        self.decayEvery = decayEvery
        self.batchSize = batchSize
        self.iterations = iterations
    }
}
