import AssignmentFormat
import ComponentRuntime
import GradeKit
import GradeResults

/// The analytic gradient a submission returns, checked against centered differences of the
/// submission's **own** loss: `(f(x + h·e_k) − f(x − h·e_k)) / 2h`.
///
/// A centered difference that straddles a kink is not a valid oracle. An entry is treated
/// as a kink, and left out, when its one-sided differences disagree:
/// `|f₊′ − f₋′| > 1e-2·max(|f₊′|, |f₋′|) + 1e-4`, where a smooth loss gives `≈ h·|f″|`.
/// The relative error of an entry is `max(0, |a − n| − slack) / max(|a|, |n|, 1e-8)`, where
/// `slack = 1e-9 + 1e-15·(|f(x + h)| + |f(x − h)|) / 2h` is the round-off a centered difference
/// itself carries (about 4e-11 for a loss near 2 with h = 1e-5): without it a correct gradient
/// entry near 0 would show a large relative error that is only the oracle's noise.
enum GradientCheck {
    /// Relative error of one entry, net of the centered difference's own round-off.
    static func relativeError(analytic a: Double, numeric n: Double, plus: Double, minus: Double, step: Double) -> Double {
        let slack = 1e-9 + 1e-15 * (Swift.abs(plus) + Swift.abs(minus)) / (2 * step)
        return Swift.max(0, Swift.abs(a - n) - slack) / Swift.max(Swift.abs(a), Swift.abs(n), 1e-8)
    }

    /// True when one-sided differences show the centered difference straddles a kink.
    static func straddlesKink(forward: Double, backward: Double) -> Bool {
        Swift.abs(forward - backward) > 1e-2 * Swift.max(Swift.abs(forward), Swift.abs(backward)) + 1e-4
    }
}

extension GradientCheck {
    /// The plan: one invocation at the inputs, then two per entry of each checked input,
    /// shifted by ±h, produced as they are sent.
    static func plan(_ context: CheckContext, specs: [GradientCheckSpec]) throws(CaseError) -> CheckPlan {
        guard !specs.isEmpty else { throw context.failure("a \(context.descriptor.family.rawValue) has no gradient to check") }
        let inputs = context.inputs
        var points: [(spec: GradientCheckSpec, x: Matrix, firstCall: Int)] = []
        var count = 1
        for spec in specs {
            guard case .matrix(let x)? = inputs[spec.input] else {
                throw context.failure("gradient_check.input '\(spec.input)' must name a matrix input")
            }
            points.append((spec, x, count))
            count += 2 * x.count
        }
        let shifted = points.lazy.flatMap { point in
            (0..<(2 * point.x.count)).lazy.map { i -> Invocation in
                var x = point.x
                x.elements[i / 2] += (i % 2 == 0 ? 1.0 : -1.0) * point.spec.step
                var perturbed = inputs
                perturbed[point.spec.input] = .matrix(x)
                return context.call(perturbed)
            }
        }
        return CheckPlan([AnySequence([context.call(inputs)]), AnySequence(shifted)].joined()) { results in
            var comparisons: [Comparison] = []
            for point in points {
                let slice = [results[0]] + Array(results[point.firstCall ..< point.firstCall + 2 * point.x.count])
                var evaluation = judge(results: slice, x: point.x, spec: point.spec)
                comparisons += evaluation.comparisons
                if !evaluation.passed {
                    evaluation.comparisons = comparisons
                    // A known mistake whose outputs at the inputs are the submission's is the better evidence.
                    if let diagnosis = Misconceptions.replayedOutputs(context, got: results[0]) {
                        evaluation.misconception = diagnosis.text
                        evaluation.mistakes = diagnosis.mistakes
                    }
                    return evaluation
                }
            }
            return .pass(comparisons)
        }
    }

    private static func judge(results: [Values], x: Matrix, spec: GradientCheckSpec) -> CaseEvaluation {
        func loss(_ i: Int) -> Double? { results[i][.loss] }
        guard let f0 = loss(0) else { return .wrongOutput("loss", expected: "a scalar", got: results[0][value: .loss]) }
        guard case .matrix(let analytic)? = results[0][spec.output] else {
            return .wrongOutput(spec.output, expected: "a \(x.rows)×\(x.columns) matrix", got: results[0][spec.output])
        }
        guard analytic.rows == x.rows, analytic.columns == x.columns else {
            return .fail(.wrongShape, "\(spec.output) is \(analytic.rows)×\(analytic.columns), but \(spec.input) is \(x.rows)×\(x.columns): a gradient has the shape of what it differentiates")
        }
        guard f0.isFinite else { return .fail(.nonFinite, "the loss is \(f0)") }
        var numeric = Matrix.zeros(like: x)
        var worst = 0.0, worstIndex = -1, kinks = 0, checked = 0
        for k in 0..<x.count {
            let entry = "\(spec.input)[\(k / x.columns), \(k % x.columns)]"
            guard let plus = loss(1 + 2 * k), let minus = loss(2 + 2 * k) else {
                let got = loss(1 + 2 * k) == nil ? results[1 + 2 * k][value: .loss] : results[2 + 2 * k][value: .loss]
                return .wrongOutput("loss with \(entry) shifted", expected: "a scalar", got: got)
            }
            guard plus.isFinite, minus.isFinite else {
                return .fail(.nonFinite, "the loss is not finite near \(entry)")
            }
            numeric.elements[k] = (plus - minus) / (2 * spec.step)
            // Finite everywhere, kinks included: a kink excuses a subgradient, not a NaN.
            guard analytic.elements[k].isFinite else {
                return .fail(.nonFinite, "\(spec.output)[\(k / x.columns), \(k % x.columns)] is \(analytic.elements[k])")
            }
            if straddlesKink(forward: (plus - f0) / spec.step, backward: (f0 - minus) / spec.step) {
                kinks += 1
                continue
            }
            checked += 1
            let err = relativeError(analytic: analytic.elements[k], numeric: numeric.elements[k],
                                                  plus: plus, minus: minus, step: spec.step)
            if err > worst || worstIndex < 0 { worst = err; worstIndex = k }
        }
        let comparison = Comparison(
            quantity: "\(spec.output) vs centered differences of your loss (\(checked) entries, \(kinks) at kinks left out)",
            expected: ValueComparator.format(.matrix(numeric)), got: ValueComparator.format(.matrix(analytic)),
            relativeError: checked > 0 ? worst : nil,
            tolerance: "max relative error \(ReportNumber.setting(spec.maxRelativeError))", passed: worst <= spec.maxRelativeError)
        if checked == 0 {
            return .fail(.wrongGradient,
                         "every entry of \(spec.input) sits at a kink of your loss (its one-sided differences disagree), so centered differences cannot confirm \(spec.output) anywhere; a loss that is smooth almost everywhere has no kink at random points",
                         comparisons: [comparison])
        }
        if worst > spec.maxRelativeError {
            let i = worstIndex / x.columns, j = worstIndex % x.columns
            let a = analytic.elements[worstIndex], n = numeric.elements[worstIndex]
            var misconception: String?
            if n != 0 && Swift.abs(a / n + 1) < 1e-3 { misconception = "The gradient has the opposite sign: ∂L/∂x points uphill, and descent subtracts it." }
            else if n != 0 && Swift.abs(a / n - Double(x.rows)) < 1e-3 * Double(x.rows) {
                misconception = "The gradient is N times too large: the loss is a mean over samples, so its gradient is divided by N too."
            }
            return .fail(.wrongGradient,
                         "\(spec.output)[\(i), \(j)] is \(ReportNumber.value(a)), but centered differences of your own loss give \(ReportNumber.value(n)) (relative error \(ReportNumber.value(worst))): the gradient does not match the loss",
                         comparisons: [comparison], misconception: misconception)
        }
        return .pass([comparison])
    }
}
