import GradeKit

/// The numerical gradient of a scalar function by centered differences.
///
/// For each entry k: `∂f/∂x_k ≈ (f(x + h·e_k) − f(x − h·e_k)) / 2h`, h = ``Hyperparameters/step``
/// (default 1e-5). The truncation error is O(h²) for a smooth f; across a kink the estimate
/// averages the two one-sided slopes and is not a valid oracle.
public struct CenteredDifferenceGradient: NumericalGradient {
    /// The step h.
    public let step: Double

    /// Creates the estimator with h = ``Hyperparameters/step``.
    public init(hyperparameters: Hyperparameters) { step = hyperparameters.step }

    /// The centered-difference estimate `(f(x + h·e_k) − f(x − h·e_k)) / 2h` of every entry of `∇f(x)`.
    public func gradient(of function: (Matrix) -> Double, at point: Matrix) -> Matrix {
        // BEGIN SOLUTION
        var gradient = Matrix.zeros(like: point)
        for k in 0..<point.count {
            var forward = point
            forward.elements[k] += step
            var backward = point
            backward.elements[k] -= step
            gradient.elements[k] = (function(forward) - function(backward)) / (2 * step)
        }
        return gradient
        // END SOLUTION
    }
}
