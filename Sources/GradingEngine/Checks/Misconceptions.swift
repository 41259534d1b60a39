import AssignmentFormat
import ComponentRuntime
import Foundation
import GradeKit

/// Recognises the classic mistakes from the shape of a wrong answer: the wrong value is the
/// right one transformed in a telltale way (times N, plus Δ, over ln 10, negated, …), or
/// the outputs of a known mistake (``ComponentRuntime/KnownMistake``) replayed on the same
/// inputs.
enum Misconceptions {
    /// The misconception the wrong outputs point to, if one fits.
    static func diagnose(_ context: CheckContext, expected: Values, got: Values) -> String? {
        let descriptor = context.descriptor, inputs = context.inputs
        let n = Double(descriptor.sampleCount(of: inputs) ?? 0)
        let delta = context.testCase.hyperparameters.margin
        // A telltale transform must fit as well as a right answer would: within the case's
        // tolerance, or round-off when that is looser.
        let tolerance = context.testCase.tolerance
        func fits(_ a: Double, _ b: Double) -> Bool {
            tolerance.admits(a, expected: b) || Tolerance.telltale.admits(a, expected: b)
        }
        func allClose(_ a: Matrix, _ b: Matrix) -> Bool { Tolerance.telltale.admits(a, expected: b) }
        if let want = expected[.loss], let have = got[.loss], want.isFinite, have.isFinite, !fits(have, want) {
            if descriptor.family == .scoreLoss, n > 0, fits(have, want + delta) || fits(have, want + delta * delta) {
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
        for name in expected.keys.sorted() where descriptor.isGradient(name) {
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
        if descriptor.family == .scoreLoss, let message = correctClassColumn(inputs: inputs, expected: expected, got: got) {
            return message
        }
        return replayedMistake(context, expected: expected, got: got)
    }

    /// The explanation of the known mistake of the component whose outputs, on the case's
    /// inputs, are the submission's.
    private static func replayedMistake(_ context: CheckContext, expected: Values, got: Values) -> String? {
        let invocation = context.call(context.inputs)
        for mistake in context.oracle.mistakes where mistake.component == context.testCase.component {
            guard let replayed = context.oracle.outputs(of: mistake, for: invocation) else { continue }
            let agrees = expected.keys.allSatisfy { name in
                guard let mine = replayed[name], let theirs = got[name] else { return false }
                let a = mine.numbers, b = theirs.numbers
                return mine.shapeDescription == theirs.shapeDescription && a.count == b.count
                    && zip(b, a).allSatisfy { Tolerance.telltale.admits($0, expected: $1) }
            }
            if agrees { return mistake.explanation }
        }
        return nil
    }

    /// The gradient is right except in the correct-class column, which is 0: the
    /// `−#{j ≠ y_i : m_j > 0}` term (or `−1` of `p − onehot(y)`) is missing.
    private static func correctClassColumn(inputs: Values, expected: Values, got: Values) -> String? {
        guard let labels = inputs[.labels], let want = expected[.gradient], let have = got[.gradient],
              want.rows == have.rows, want.columns == have.columns, want.rows == labels.count, want.columns > 1 else { return nil }
        var differsAtCorrectClass = false
        for i in 0..<want.rows {
            for j in 0..<want.columns {
                let a = have[i, j], b = want[i, j]
                let same = Tolerance.telltale.admits(a, expected: b)
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
}
