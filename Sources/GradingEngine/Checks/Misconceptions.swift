import AssignmentFormat
import ComponentRuntime
import Foundation
import GradeKit

/// Recognises the classic mistakes from the shape of a wrong answer: the wrong value is the
/// right one transformed in a telltale way (times N, plus Δ, over ln 10, negated, …), or the
/// trajectory of a neighbouring convention.
enum Misconceptions {
    /// The misconception the wrong outputs point to, if one fits.
    static func diagnose(testCase: TestCase, family: ComponentFamily, inputs: Values, expected: Values, got: Values) -> String? {
        let n = Double(sampleCount(inputs))
        let delta = testCase.hyperparameters.margin
        // A telltale transform must fit as well as a right answer would: within the case's tolerance.
        let tolerance = testCase.tolerance
        func fits(_ a: Double, _ b: Double) -> Bool {
            Swift.abs(a - b) <= Swift.max(tolerance.atol + tolerance.rtol * Swift.abs(b), 1e-7 * Swift.abs(b) + 1e-12)
        }
        if case .scalar(let want)? = expected["loss"], case .scalar(let have)? = got["loss"], want.isFinite, have.isFinite,
           !fits(have, want) {
            if family == .scoreLoss, n > 0, fits(have, want + delta) || fits(have, want + delta * delta) {
                return "The loss is exactly Δ too large per sample: the sum runs over every class, including j = y_i, whose margin is always Δ. Sum over j ≠ y_i only."
            }
            if n > 1, fits(have, want * n) {
                return "The loss is N = \(Int(n)) times too large: it is a sum over samples where the course uses the mean, L = (1/N) Σ L_i."
            }
            if n > 1, fits(have, want / n) {
                return "The loss is N = \(Int(n)) times too small: it is divided by N twice."
            }
            if fits(have * Foundation.log(10.0), want) {
                return "The loss is in base-10 units: the course uses the natural logarithm (log, not log10). The lecture's 0.89 is −log₁₀(0.13); −ln(0.13) = 2.04."
            }
            if fits(have, want * Foundation.log(10.0)) {
                return "The loss is in natural-log units where this case asks for base 10 (divide by ln 10)."
            }
            if fits(have, want / 2) || fits(have, want * 2) {
                return "The loss is off by a factor of 2: check for a stray ½ (or a missing one) in front of a square."
            }
        }
        for name in expected.keys.sorted() where name.hasPrefix("gradient") {
            guard case .matrix(let want)? = expected[name], case .matrix(let have)? = got[name],
                  want.rows == have.rows, want.columns == have.columns, want != have else { continue }
            if allClose(have, want * -1) {
                return "\(name) has the opposite sign everywhere: ∂L/∂x points uphill, and descent subtracts it."
            }
            if n > 1, allClose(have, want * n) {
                return "\(name) is N = \(Int(n)) times too large: the loss is a mean over samples, so its gradient is divided by N too."
            }
            if allClose(have * 2, want) {
                return "\(name) is half what it should be: the derivative of W² is 2W."
            }
            if allClose(have, want * 2) {
                return "\(name) is twice what it should be: check for a factor of 2 that the loss does not have."
            }
        }
        if let message = correctClassColumn(family: family, inputs: inputs, expected: expected, got: got) {
            return message
        }
        if family == .optimizer, case .matrices(let have)? = got["trajectory"] {
            return optimizerConvention(testCase: testCase, inputs: inputs, got: have)
        }
        return nil
    }

    /// Replays neighbouring conventions of the optimizer and names the one the student followed.
    private static func optimizerConvention(testCase: TestCase, inputs: Values, got: [Matrix]) -> String? {
        let h = testCase.hyperparameters
        let alternatives: [(String, (inout Matrix, Matrix, inout OptimizerState) -> Void, String)] = [
            ("adagrad", { w, g, s in
                s.first = s.first + g * g
                w = w - h.learningRate * g / (sqrt(s.first) + h.epsilon)
            }, "You add ε outside the square root, α·g / (sqrt(n) + ε): a common convention, but this course uses the lecture's α·g / sqrt(n + ε)."),
            ("adam", { w, g, s in
                s.first = h.beta1 * s.first + (1 - h.beta1) * g
                s.second = h.beta2 * s.second + (1 - h.beta2) * g * g
                w = w - h.learningRate * s.first / (sqrt(s.second) + h.epsilon)
            }, "Your Adam skips bias correction: divide m by (1 − β1ᵗ) and v by (1 − β2ᵗ), with t starting at 1."),
            ("momentum", { w, g, s in
                let previous = s.first
                s.first = h.momentum * s.first - h.learningRate * g
                w = w - h.momentum * previous + (1 + h.momentum) * s.first
            }, "This is Nesterov's update (W ← W − ρ v_prev + (1 + ρ) v), but the component is plain momentum: v ← ρv − αg; W ← W + v."),
            ("nesterov", { w, g, s in
                s.first = h.momentum * s.first - h.learningRate * g
                w = w + s.first
            }, "This is plain momentum (W ← W + v), but the component is Nesterov: W ← W − ρ v_prev + (1 + ρ) v."),
            ("rmsprop", { w, g, s in
                s.first = h.decayRate * s.first + (1 - h.decayRate) * g * g
                w = w - h.learningRate * g / sqrt(s.first + h.epsilon)
            }, "You put ε inside the square root; RMSProp here divides by (sqrt(c) + ε)."),
        ]
        guard case .matrix(let start)? = inputs["parameters"] else { return nil }
        for (component, step, message) in alternatives where testCase.component == component {
            var w = start
            var state = OptimizerState(first: .zeros(like: start), second: .zeros(like: start))
            var trajectory: [Matrix] = []
            let gradients: [Matrix]
            if case .matrices(let list)? = inputs["gradients"] {
                gradients = list
            } else if case .text(let name)? = inputs["objective"], let f = TestFunction.named(name),
                      case .integers(let steps)? = inputs["steps"], let count = steps.first {
                gradients = []
                for _ in 0..<count {
                    step(&w, f.gradient(w), &state)
                    trajectory.append(w)
                }
            } else { return nil }
            for g in gradients {
                step(&w, g, &state)
                trajectory.append(w)
            }
            if trajectory.count == got.count, zip(trajectory, got).allSatisfy({ allClose($1, $0) }) { return message }
        }
        return nil
    }

    /// The gradient is right except in the correct-class column, which is 0: the
    /// `−#{j ≠ y_i : m_j > 0}` term (or `−1` of `p − onehot(y)`) is missing.
    private static func correctClassColumn(family: ComponentFamily, inputs: Values, expected: Values, got: Values) -> String? {
        guard family == .scoreLoss, case .integers(let labels)? = inputs["labels"],
              case .matrix(let want)? = expected["gradient"], case .matrix(let have)? = got["gradient"],
              want.rows == have.rows, want.columns == have.columns, want.rows == labels.count, want.columns > 1 else { return nil }
        var differsAtCorrectClass = false
        for i in 0..<want.rows {
            for j in 0..<want.columns {
                let a = have[i, j], b = want[i, j]
                let same = Swift.abs(a - b) <= 1e-9 * Swift.max(1, Swift.abs(b))
                if j == labels[i] {
                    if !same {
                        guard a == 0 else { return nil }
                        differsAtCorrectClass = true
                    }
                } else if !same {
                    return nil
                }
            }
        }
        guard differsAtCorrectClass else { return nil }
        return "The gradient is right for every wrong class but 0 at the correct class y_i: each active margin m_j = s_j − s_{y_i} + Δ also depends on s_{y_i}, so ∂L_i/∂s_{y_i} = −#{j ≠ y_i : m_j > 0} (divided by N)."
    }

    private struct OptimizerState {
        var first: Matrix
        var second: Matrix
    }

    private static func sampleCount(_ inputs: Values) -> Int {
        for name in ["scores", "predictions", "inputs", "studentLogits", "first", "anchors"] {
            if case .matrix(let m)? = inputs[name] { return m.rows }
        }
        return 0
    }

    private static func close(_ a: Double, _ b: Double) -> Bool {
        Swift.abs(a - b) <= 1e-7 * Swift.max(Swift.abs(a), Swift.abs(b)) + 1e-12
    }

    private static func allClose(_ a: Matrix, _ b: Matrix) -> Bool {
        a.rows == b.rows && a.columns == b.columns && zip(a.elements, b.elements).allSatisfy { close($0, $1) }
    }
}
