import GradeKit

/// The numerical gradient by centered differences, registered as `numerical-gradient`:
/// `eval_numerical_gradient(f, x)`.
///
/// For each entry k: `∂f/∂x_k ≈ (f(x + h·e_k) − f(x − h·e_k)) / 2h`, with
/// h = ``Hyperparameters/step`` (default 1e-5). The error is O(h²) for a smooth f; near a kink
/// (a hinge with a margin within h of 0) the estimate is not to be trusted.
///
/// To compare it with an analytic gradient a, use the relative error
/// `|a − n| / max(|a|, |n|)`: about 1e-7 or less is good, above 1e-2 the gradient is wrong.
public struct CenteredDifferenceGradient: NumericalGradient {
    /// The step h. Default 1e-5.
    let step: Double

    public init(hyperparameters: Hyperparameters) {
        step = hyperparameters.step
    }

    /// The centered-difference gradient of `function` at `point`.
    ///
    /// - Parameters:
    ///   - function: `f`, a scalar function of a matrix.
    ///   - point: `x`, any shape.
    /// - Returns: the estimate of `∇f(x)`, with the shape of `point`.
    public func gradient(of function: (Matrix) -> Double, at point: Matrix) -> Matrix {
        // TODO: The loop of `eval_numerical_gradient`, one entry at a time:
        //   var grad = Matrix.zeros(like: point)
        //   for k in 0..<point.count {                          // np.nditer over every index
        //       var x = point                                    // a copy (Matrix is a value type)
        //       x.elements[k] = point.elements[k] + step;  let fxph = function(x)
        //       x.elements[k] = point.elements[k] - step;  let fxmh = function(x)
        //       grad.elements[k] = ...
        //   }
        //
        // Classic mistakes: the one-sided (f(x + h) − f(x)) / h, which is only O(h) accurate;
        // dividing by h instead of 2h; forgetting to restore the entry before moving on.
        notImplemented("CenteredDifferenceGradient.gradient")
    }
}
