/// A component of an assignment that is created from hyper-parameters.
///
/// Every family protocol refines this one. A conforming type stores the fields of
/// ``Hyperparameters`` it needs; `init()` creates it with the course's defaults.
public protocol Component {
    /// Creates the component with the given hyper-parameters.
    init(hyperparameters: Hyperparameters)
}

extension Component {
    /// Creates the component with the course's default hyper-parameters.
    public init() { self.init(hyperparameters: Hyperparameters()) }
}

/// A loss on the N×C class scores of a classifier, such as the multiclass SVM or softmax.
///
/// Scores `S` are N×C: row `i` holds the C class scores of sample `i`, and `labels[i]`
/// is its correct class in `0..<C`. The loss is the **mean** over samples,
/// `L = (1/N) Σ_i L_i(S_i, y_i)`, and the gradient is `∂L/∂S`, N×C.
///
/// The course's score losses, with `m_j = s_j − s_{y_i} + Δ` (Δ = ``Hyperparameters/margin``):
/// - `multiclass-svm`: `L_i = Σ_{j≠y_i} max(0, m_j)`; `∂L_i/∂s_j = 1[m_j > 0]` for `j ≠ y_i`,
///   `∂L_i/∂s_{y_i} = −#{j ≠ y_i : m_j > 0}`. At a kink (`m_j == 0`) the subgradient is 0.
/// - `squared-hinge`: `L_i = Σ_{j≠y_i} max(0, m_j)²`; `∂L_i/∂s_j = 2·max(0, m_j)`, and minus
///   their sum at `y_i`.
/// - `softmax`: `L_i = −log(e^{s_{y_i}} / Σ_j e^{s_j})`; `∂L_i/∂S_i = p − onehot(y_i)` with
///   `p = softmax(S_i)`. Must be numerically stable: `[1000, 9, 9, 9]` gives a finite loss.
/// - `binary-cross-entropy`: scores are N×1 logits `z`, labels are 0 or 1;
///   `L_i = −[y log σ(z) + (1−y) log(1−σ(z))]`, `∂L_i/∂z = σ(z) − y`. Stable for large |z|.
///
/// Every gradient above is per sample; the gradient of the mean divides it by N.
public protocol ScoreLoss: Component {
    /// The mean loss over samples and its gradient with respect to the scores.
    ///
    /// - Parameters:
    ///   - scores: `S`, N×C.
    ///   - labels: `y`, N integers in `0..<C` (0 or 1 for binary cross-entropy).
    /// - Returns: `L = (1/N) Σ_i L_i` and `∂L/∂S`, N×C.
    func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient
}

/// A regression loss between predictions `ŷ` and targets `y`, both N×K.
///
/// - `l2-loss` (squared, the Gaussian MLE): `L = (1/N) Σ_i ‖ŷ_i − y_i‖²`, `∂L/∂ŷ = 2(ŷ − y)/N`.
/// - `l1-loss` (absolute, the Laplace MLE, robust to outliers): `L = (1/N) Σ_i ‖ŷ_i − y_i‖₁`,
///   `∂L/∂ŷ = sign(ŷ − y)/N`, with `sign(0) = 0`.
public protocol RegressionLoss: Component {
    /// The mean loss over samples and its gradient with respect to the predictions.
    ///
    /// - Parameters:
    ///   - predictions: `ŷ`, N×K.
    ///   - targets: `y`, N×K.
    /// - Returns: `L` and `∂L/∂ŷ`, N×K.
    func lossAndGradient(predictions: Matrix, targets: Matrix) -> LossAndGradient
}

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

/// The knowledge-distillation loss of Hinton et al. (NIPS 2014).
///
/// With teacher logits `t`, student logits `z`, temperature T = ``Hyperparameters/temperature``
/// and weight α = ``Hyperparameters/alpha``:
/// `L = α·T²·KL(softmax(t/T) ‖ softmax(z/T)) + (1 − α)·CE(z, y)`, mean over samples, and
/// `∂L/∂z = α·T·(softmax(z/T) − softmax(t/T)) + (1 − α)(softmax(z) − onehot(y))`, divided by N.
public protocol DistillationLoss: Component {
    /// The mean distillation loss and its gradient with respect to the student's logits.
    ///
    /// - Parameters:
    ///   - studentLogits: `z`, N×C.
    ///   - teacherLogits: `t`, N×C.
    ///   - labels: `y`, N integers in `0..<C`.
    /// - Returns: `L` and `∂L/∂z`, N×C.
    func lossAndGradient(studentLogits: Matrix, teacherLogits: Matrix, labels: [Int]) -> LossAndGradient
}

/// A weight penalty `R(W)` and its gradient.
///
/// - `l2-regularization`: `R = Σ W²`, `∂R = 2W`.
/// - `l1-regularization`: `R = Σ |W|`, `∂R = sign(W)` (0 at 0).
/// - `elastic-net`: `R = Σ (β W² + |W|)`, `∂R = 2βW + sign(W)`, β = ``Hyperparameters/beta``.
public protocol Regularizer: Component {
    /// The penalty and its gradient with respect to the weights.
    ///
    /// - Parameter weights: `W`, any shape.
    /// - Returns: `R(W)` and `∂R/∂W`, with the shape of `W`.
    func penaltyAndGradient(weights: Matrix) -> LossAndGradient
}

/// The full objective of a linear classifier, as `svm_loss_vectorized(W, X, y, reg)`.
///
/// With `S = X·W`: `L(W) = (1/N) Σ_i L_i(S_i, y_i) + λ Σ W²` and
/// `∂L/∂W = Xᵀ·(∂data-loss/∂S) + 2λW`, λ = ``Hyperparameters/regularization``.
/// - `linear-svm`: `L_i` is the multiclass SVM loss (margin Δ = ``Hyperparameters/margin``).
/// - `linear-softmax`: `L_i` is the softmax cross-entropy loss.
public protocol LinearClassifierObjective: Component {
    /// The regularized mean loss and its gradient with respect to the weights.
    ///
    /// - Parameters:
    ///   - weights: `W`, D×C.
    ///   - inputs: `X`, N×D (one sample a row).
    ///   - labels: `y`, N integers in `0..<C`.
    /// - Returns: `L(W)` and `∂L/∂W`, D×C.
    func lossAndGradient(weights: Matrix, inputs: Matrix, labels: [Int]) -> LossAndGradient
}

/// An estimator of the gradient of a scalar function by centered differences.
///
/// For each entry k: `∂f/∂x_k ≈ (f(x + h·e_k) − f(x − h·e_k)) / 2h`, with
/// h = ``Hyperparameters/step`` (default 1e-5). The error is O(h²) for a smooth f.
public protocol NumericalGradient: Component {
    /// The centered-difference gradient of `function` at `point`.
    ///
    /// - Parameters:
    ///   - function: `f`, a scalar function of a matrix.
    ///   - point: `x`, any shape. Evaluate `function` on a modified copy for each entry.
    /// - Returns: the estimate of `∇f(x)`, with the shape of `point`.
    func gradient(of function: (Matrix) -> Double, at point: Matrix) -> Matrix
}

/// A first-order optimizer: a stepper that keeps its state (velocity, caches, step count)
/// from one call of ``step(parameters:gradient:)`` to the next.
///
/// With parameters W, gradient g and learning rate α = ``Hyperparameters/learningRate``:
/// - `gradient-descent` (also the update of `sgd`): `W ← W − α g`.
/// - `momentum` (ρ = ``Hyperparameters/momentum``): `v ← ρv − αg; W ← W + v`.
/// - `nesterov`: `v_prev ← v; v ← ρv − αg; W ← W − ρ v_prev + (1 + ρ) v`.
/// - `adagrad`, as in the lecture: `n ← n + g²; W ← W − α g / sqrt(n + ε)`.
/// - `rmsprop` (δ = ``Hyperparameters/decayRate``): `c ← δc + (1 − δ)g²; W ← W − α g / (sqrt(c) + ε)`.
/// - `adam` (β1, β2, bias-corrected, t starts at 1): `m ← β1 m + (1 − β1) g;
///   v ← β2 v + (1 − β2) g²; m̂ = m/(1 − β1ᵗ); v̂ = v/(1 − β2ᵗ); W ← W − α m̂ / (sqrt(v̂) + ε)`.
///
/// State starts at zero, shaped like the first parameters it sees.
public protocol Optimizer: Component {
    /// Updates the parameters in place with one step.
    ///
    /// - Parameters:
    ///   - parameters: `W`, any shape; updated in place.
    ///   - gradient: `g = ∂L/∂W`, with the shape of `W`.
    mutating func step(parameters: inout Matrix, gradient: Matrix)
}

/// A learning-rate schedule: the rate to use at step t.
///
/// `step-decay`: `α_t = α₀ · γ^⌊t/k⌋` with α₀ = ``Hyperparameters/learningRate``,
/// γ = ``Hyperparameters/decayFactor`` and k = ``Hyperparameters/decayEvery``.
public protocol LearningRateSchedule: Component {
    /// The learning rate at step `t` (t starts at 0).
    func learningRate(atStep t: Int) -> Double
}

/// Minibatch stochastic gradient descent on an objective of weights, inputs and labels.
///
/// Each of the ``Hyperparameters/iterations`` iterations draws a minibatch with
/// `sampler.nextBatch(size: batchSize)` (``Hyperparameters/batchSize``), evaluates the
/// objective on those rows of X and y, records its loss, and updates
/// `W ← W − α · ∂L_batch/∂W` with α = ``Hyperparameters/learningRate``.
public protocol MinibatchTrainer: Component {
    /// Trains the weights and returns them with the loss history.
    ///
    /// - Parameters:
    ///   - weights: the initial `W`, D×C.
    ///   - inputs: `X`, N×D.
    ///   - labels: `y`, N integers in `0..<C`.
    ///   - sampler: the seeded source of minibatch indices; use it for every batch.
    ///   - objective: the loss and `∂L/∂W` of a batch: `objective(W, X_batch, y_batch)`.
    /// - Returns: the final `W` and the `iterations` minibatch losses.
    func train(
        weights: Matrix,
        inputs: Matrix,
        labels: [Int],
        sampler: inout MinibatchSampler,
        objective: (_ weights: Matrix, _ inputs: Matrix, _ labels: [Int]) -> LossAndGradient
    ) -> TrainingResult
}
