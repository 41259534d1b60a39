import GradeKit

// Known mistakes of the centered-difference numerical gradient: each is the reference with
// exactly one thing changed.

extension CataloguedMistake {
    static var numericalGradient: [CataloguedMistake] {
        [
            .init("numerical-gradient/forward-difference", ForwardDifferenceGradient.self,
                  "Your estimate is the forward difference (f(x + h·e_k) − f(x)) / h, whose error is O(h): use the centered (f(x + h·e_k) − f(x − h·e_k)) / 2h.",
                  idea: "The centered difference is accurate to O(h²)."),
            .init("numerical-gradient/divides-by-h", CenteredDifferenceOverH.self,
                  "Your centered difference divides by h instead of 2h, doubling the gradient: (f(x + h·e_k) − f(x − h·e_k)) / 2h.",
                  idea: "The two probes of a centered difference are 2h apart."),
            .init("numerical-gradient/step-fixed", CenteredDifferenceFixedStep.self,
                  "Your step is h = 1e-5 whatever the step hyper-parameter says: use h = hyperparameters.step.",
                  idea: "The step h of a centered difference is a hyper-parameter."),
            .init("numerical-gradient/point-not-restored", CenteredDifferenceNotRestored.self,
                  "You change x[k] in place (+h, then −2h) without putting it back, so later entries are estimated at a shifted point: restore x[k] after each entry.",
                  idea: "Each partial derivative perturbs one entry of the same point x."),
        ]
    }
}

/// The forward difference: `∂f/∂x_k ≈ (f(x + h·e_k) − f(x)) / h`.
struct ForwardDifferenceGradient: NumericalGradient {
    let step: Double
    init(hyperparameters: Hyperparameters) { step = hyperparameters.step }
    func gradient(of function: (Matrix) -> Double, at point: Matrix) -> Matrix {
        var gradient = Matrix.zeros(like: point)
        let center = function(point)
        for k in 0..<point.count {
            var forward = point
            forward.elements[k] += step
            gradient.elements[k] = (function(forward) - center) / step
        }
        return gradient
    }
}

/// The centered difference over h: `(f(x + h·e_k) − f(x − h·e_k)) / h`, twice the gradient.
struct CenteredDifferenceOverH: NumericalGradient {
    let step: Double
    init(hyperparameters: Hyperparameters) { step = hyperparameters.step }
    func gradient(of function: (Matrix) -> Double, at point: Matrix) -> Matrix {
        var gradient = Matrix.zeros(like: point)
        for k in 0..<point.count {
            var forward = point
            forward.elements[k] += step
            var backward = point
            backward.elements[k] -= step
            gradient.elements[k] = (function(forward) - function(backward)) / step
        }
        return gradient
    }
}

/// The centered difference with the step hard-coded: the reference with h = 1e-5 whatever the hyper-parameter.
struct CenteredDifferenceFixedStep: NumericalGradient {
    init(hyperparameters: Hyperparameters) {}
    func gradient(of function: (Matrix) -> Double, at point: Matrix) -> Matrix {
        CenteredDifferenceGradient(hyperparameters: Hyperparameters(step: 1e-5)).gradient(of: function, at: point)
    }
}

/// The centered difference on a point changed in place and never restored: entry k is
/// estimated at `x − h·(e_0 + … + e_{k−1})`.
struct CenteredDifferenceNotRestored: NumericalGradient {
    let step: Double
    init(hyperparameters: Hyperparameters) { step = hyperparameters.step }
    func gradient(of function: (Matrix) -> Double, at point: Matrix) -> Matrix {
        var gradient = Matrix.zeros(like: point)
        var x = point
        for k in 0..<point.count {
            x.elements[k] += step
            let forward = function(x)
            x.elements[k] -= 2 * step
            let backward = function(x)
            gradient.elements[k] = (forward - backward) / (2 * step)
        }
        return gradient
    }
}
