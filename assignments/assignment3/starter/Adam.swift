import Foundation
import GradeKit

/// Adam with bias correction, registered as `adam`:
///
/// `m ← β1 m + (1 − β1) g; v ← β2 v + (1 − β2) g²; m̂ = m/(1 − β1ᵗ); v̂ = v/(1 − β2ᵗ);
/// W ← W − α m̂ / (sqrt(v̂) + ε)`, with β1, β2 = ``Hyperparameters/beta1``,
/// ``Hyperparameters/beta2`` (0.9, 0.999) and ε = ``Hyperparameters/epsilon``.
/// CS231n `optim.py`'s `adam`. The moments start at zero, the step count t is 1 on the first
/// step, and all of them persist across steps.
public struct Adam: Optimizer {
    /// The learning rate α. Default 1e-3.
    let learningRate: Double
    /// The first-moment decay β1. Default 0.9.
    let beta1: Double
    /// The second-moment decay β2. Default 0.999.
    let beta2: Double
    /// The ε added to the root. Default 1e-8.
    let epsilon: Double
    /// The first moment m, created as zeros shaped like the first parameters seen.
    private var firstMoment: Matrix?
    /// The second moment v, created as zeros shaped like the first parameters seen.
    private var secondMoment: Matrix?
    /// The number of steps taken so far; increment it first, so the first step uses t = 1.
    private var t = 0

    public init(hyperparameters: Hyperparameters) {
        learningRate = hyperparameters.learningRate
        beta1 = hyperparameters.beta1
        beta2 = hyperparameters.beta2
        epsilon = hyperparameters.epsilon
    }

    /// Updates the parameters in place with one step, and the moments and step count with it.
    ///
    /// - Parameters:
    ///   - parameters: `W`, any shape; updated in place.
    ///   - gradient: `g = ∂L/∂W`, with the shape of `W`.
    public mutating func step(parameters: inout Matrix, gradient: Matrix) {
        // TODO: As `adam` in optim.py, with config['m'], config['v'], config['t'] the stored properties:
        //   t += 1                                              // so the first step has t = 1
        //   m = beta1 * m + (1 - beta1) * dw
        //   v = beta2 * v + (1 - beta2) * (dw ** 2)
        //   mt = m / (1 - beta1 ** t)                           → pow(beta1, Double(t))
        //   vt = v / (1 - beta2 ** t)
        //   next_w = w - learning_rate * mt / (np.sqrt(vt) + eps)
        //   then store m and v back.
        //
        // Classic mistakes: t starting at 0 (the correction divides by 1 − β⁰ = 0); correcting m
        // and v in place (store the uncorrected moments, correct only for the update).
        notImplemented("Adam.step")
    }
}
