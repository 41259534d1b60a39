import GradeKit

/// The centered-difference gradient of a scalar function, the test suites' own oracle.
///
/// `∂f/∂x_k ≈ (f(x + h·e_k) − f(x − h·e_k)) / 2h`. Written independently of any
/// `NumericalGradient` conformance so that it can check them too.
public func centeredDifference(of f: (Matrix) -> Double, at x: Matrix, step h: Double = 1e-5) -> Matrix {
    var gradient = Matrix.zeros(like: x)
    for k in x.elements.indices {
        var plus = x, minus = x
        plus.elements[k] += h
        minus.elements[k] -= h
        gradient.elements[k] = (f(plus) - f(minus)) / (2 * h)
    }
    return gradient
}
