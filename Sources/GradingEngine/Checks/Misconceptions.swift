import AssignmentFormat
import ComponentRuntime
import Foundation
import GradeKit
import GradeResults

/// Names the mistake a wrong answer shows, from evidence only.
///
/// First by replay: the component's known mistakes (``KnownMistake``) run on the case's inputs
/// in the grader, and those whose outputs are the submission's are named — all of them, saying
/// the case cannot tell them apart, when several match. Failing that, by a telltale that the
/// numbers themselves prove: a loss that is negative where it cannot be, a gradient of the
/// opposite sign, a loss in base-10 units, a factor that is exactly the sample count N (and no
/// other dimension of the case). Otherwise nothing is said beyond what was compared.
enum Misconceptions {
    /// What the evidence names: the text for the student and the keys of the known mistakes.
    struct Diagnosis: Equatable {
        var text: String
        var mistakes: [String] = []
    }

    /// The diagnosis of wrong outputs, if the evidence supports one.
    static func diagnose(_ context: CheckContext, expected: Values, got: Values) -> Diagnosis? {
        replayed(context, expected: expected, got: got, among: context.oracle.mistakes.filter { context.conventions[$0.key] == nil })
            ?? telltale(context, expected: expected, got: got)
    }

    /// The known mistake a check without expected values of its own (a gradient check) shows:
    /// the submission's outputs at the case's inputs, `got`, are that mistake's on every output.
    static func replayedOutputs(_ context: CheckContext, got: Values) -> Diagnosis? {
        replayed(context, expected: got, got: got, among: context.oracle.mistakes.filter { context.conventions[$0.key] == nil })
    }

    /// The known mistakes of the case's component whose outputs are `got`, on every output
    /// in `expected`. A mistake whose outputs are the reference's on these inputs is no
    /// evidence of anything, and is left out. A mistake in single precision matches outputs
    /// that agree with it to single precision and differ from the reference's by more than
    /// double-precision round-off.
    static func matching(_ context: CheckContext, expected: Values, got: Values, among mistakes: [KnownMistake]) -> [KnownMistake] {
        let invocation = context.call(context.inputs)
        lazy var reference: Values? = try? context.oracle.outputs(for: invocation)
        func equalsReference(_ outputs: Values, within agreement: (Value, Value) -> Bool) -> Bool {
            guard let reference else { return false }
            return expected.keys.allSatisfy { name in
                guard let mine = outputs[name], let correct = reference[name] else { return false }
                return agreement(mine, correct)
            }
        }
        return mistakes.filter { mistake in
            guard mistake.component == context.testCase.component,
                  let replayed = context.oracle.outputs(of: mistake, for: invocation) else { return false }
            let agrees = expected.keys.allSatisfy { name in
                guard let mine = replayed[name], let theirs = got[name] else { return false }
                return mistake.singlePrecision ? agreeInSinglePrecision(theirs, mine) : agree(theirs, mine)
            }
            guard agrees else { return false }
            if mistake.singlePrecision { return !equalsReference(got, within: agreeInDoublePrecision) }
            return !equalsReference(replayed, within: agree)
        }
    }

    /// Equal shapes, and every entry equal within the round-off of double precision.
    static func agreeInDoublePrecision(_ a: Value, _ b: Value) -> Bool {
        let x = a.numbers, y = b.numbers
        return a.shapeDescription == b.shapeDescription && x.count == y.count && zip(x, y).allSatisfy { p, q in
            p.isFinite && q.isFinite ? Tolerance.doublePrecision.admits(p, expected: q) : (p.isNaN && q.isNaN) || p == q
        }
    }

    /// Equal shapes, and every entry equal within round-off (non-finite entries equal when both are).
    static func agree(_ a: Value, _ b: Value) -> Bool {
        let x = a.numbers, y = b.numbers
        return a.shapeDescription == b.shapeDescription && x.count == y.count && zip(x, y).allSatisfy { p, q in
            p.isFinite && q.isFinite ? Tolerance.telltale.admits(p, expected: q) : (p.isNaN && q.isNaN) || p == q
        }
    }

    /// Equal shapes, and every entry equal to single precision: within `2e-5` of the larger of
    /// its own size and a hundredth of the largest entry (a `Float` sum's round-off grows with
    /// the terms summed, not with the result).
    static func agreeInSinglePrecision(_ a: Value, _ b: Value) -> Bool {
        let x = a.numbers, y = b.numbers
        let scale = 0.01 * (y.lazy.filter(\.isFinite).map(Swift.abs).max() ?? 0)
        return a.shapeDescription == b.shapeDescription && x.count == y.count && zip(x, y).allSatisfy { p, q in
            p.isFinite && q.isFinite ? Swift.abs(p - q) <= 2e-5 * Swift.max(Swift.abs(q), scale) + 1e-12 : (p.isNaN && q.isNaN) || p == q
        }
    }

    private static func replayed(_ context: CheckContext, expected: Values, got: Values, among mistakes: [KnownMistake]) -> Diagnosis? {
        let matches = matching(context, expected: expected, got: got, among: mistakes)
        guard !matches.isEmpty else { return nil }
        let n = context.descriptor.sampleCount(of: context.inputs)
        // `{N}` in an explanation is the case's sample count.
        func text(_ mistake: KnownMistake) -> String {
            n.map { mistake.explanation.replacingOccurrences(of: "{N}", with: String($0)) }
                ?? mistake.explanation.replacingOccurrences(of: "N = {N} ", with: "")
        }
        var explanations: [String] = []
        for mistake in matches where !explanations.contains(text(mistake)) { explanations.append(text(mistake)) }
        let keys = matches.map(\.key)
        if explanations.count == 1 { return Diagnosis(text: explanations[0], mistakes: keys) }
        return Diagnosis(text: "Your outputs on this case are those of \(explanations.count) known mistakes, which this case cannot tell apart: "
                         + explanations.joined(separator: " Or: "), mistakes: keys)
    }

    private static func telltale(_ context: CheckContext, expected: Values, got: Values) -> Diagnosis? {
        let descriptor = context.descriptor, inputs = context.inputs
        let tolerance = context.testCase.tolerance
        func fits(_ a: Double, _ b: Double) -> Bool {
            tolerance.admits(a, expected: b) || Tolerance.telltale.admits(a, expected: b)
        }
        if descriptor.lossIsNonNegative, let have = got[.loss], have.isFinite, have < -Swift.max(tolerance.atol, 1e-12) {
            return Diagnosis(text: "Your loss is \(ReportNumber.value(have)), but this loss can never be negative: look for a missing max(0, ·) or a flipped sign.")
        }
        // N as a factor names the mean only when no other dimension of the case equals N.
        let n = descriptor.sampleCount(of: inputs).map(Double.init) ?? 0
        let otherDimensions = inputs.values.flatMap { value -> [Double] in
            if case .matrix(let m) = value { return [Double(m.columns)] }
            return []
        }
        let nIsDistinct = n > 1 && !otherDimensions.contains(n)
        if let want = expected[.loss], let have = got[.loss], want.isFinite, have.isFinite, !fits(have, want) {
            if nIsDistinct, fits(have, want * n) {
                return Diagnosis(text: "The loss is N = \(Int(n)) times too large: it is a sum over samples where the course uses the mean, L = (1/N) Σ L_i.")
            }
            if fits(have * Foundation.log(10.0), want) {
                return Diagnosis(text: "The loss is in base-10 units: the course uses the natural logarithm (log, not log10). The lecture's 0.89 is −log₁₀(0.13); −ln(0.13) = 2.04.")
            }
            if fits(have, want * Foundation.log(10.0)) {
                return Diagnosis(text: "The loss is in natural-log units where this case asks for base 10 (divide by ln 10).")
            }
        }
        for name in expected.keys.sorted() where descriptor.isGradient(name) {
            guard case .matrix(let want)? = expected[name], case .matrix(let have)? = got[name],
                  want.rows == have.rows, want.columns == have.columns, want != have,
                  want.elements.contains(where: { $0 != 0 }) else { continue }
            if Tolerance.telltale.admits(have, expected: want * -1) {
                return Diagnosis(text: "\(name) has the opposite sign everywhere: ∂L/∂x points uphill, and descent subtracts it.")
            }
            if nIsDistinct, Tolerance.telltale.admits(have, expected: want * n) {
                return Diagnosis(text: "\(name) is N = \(Int(n)) times too large: the loss is a mean over samples, so its gradient is divided by N too.")
            }
        }
        return nil
    }
}
