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

extension ComponentFamily {
    /// The components that conform to ``Optimizer``: `optimizer` in case files.
    public static let optimizer = ComponentFamily("optimizer")
}

extension Optimizer {
    /// ``ComponentFamily/optimizer``, whatever the conforming type.
    public static var family: ComponentFamily { .optimizer }
}
