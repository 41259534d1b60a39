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

extension ComponentFamily {
    /// The components that conform to ``NumericalGradient``: `numerical-gradient` in case files.
    public static let numericalGradient = ComponentFamily("numerical-gradient")
}

extension NumericalGradient {
    /// ``ComponentFamily/numericalGradient``, whatever the conforming type.
    public static var family: ComponentFamily { .numericalGradient }
}
