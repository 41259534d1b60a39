import AssignmentFormat
import ComponentRuntime
import GradeKit
import GradeResults

/// The analytic gradient a submission returns, checked against centered differences of the
/// submission's **own** loss: `(f(x + h·e_k) − f(x − h·e_k)) / 2h` for an entry k, or
/// `(f(x + h·v) − f(x − h·v)) / 2h` against `⟨∇f, v⟩` for a direction v.
///
/// A centered difference that straddles a kink is not a valid oracle. An entry (or direction)
/// is treated as a kink, and left out, when its one-sided differences disagree:
/// `|f₊′ − f₋′| > 1e-2·max(|f₊′|, |f₋′|) + 1e-4`, where a smooth loss gives `≈ h·|f″|`.
/// The relative error of an entry is `max(0, |a − n| − slack) / max(|a|, |n|, 1e-8)`, where
/// `slack = 1e-9 + 1e-15·(|f(x + h)| + |f(x − h)|) / 2h` is the round-off a centered difference
/// itself carries (about 4e-11 for a loss near 2 with h = 1e-5): without it a correct gradient
/// entry near 0 would show a large relative error that is only the oracle's noise. A
/// direction's denominator also holds `‖∇f‖/√n`, the typical size of a directional derivative
/// along a unit direction, so that a direction nearly orthogonal to the gradient is no false alarm.
///
/// The plan runs the submission once at the inputs and, in the same requests, the varied calls
/// of each checked input (``GradientCheckSpec/Mode``), each sending only the variation: the
/// grader holds the inputs once, however many entries it checks.
enum GradientCheck {
    /// Relative error of one entry, net of the centered difference's own round-off.
    static func relativeError(analytic a: Double, numeric n: Double, plus: Double, minus: Double, step: Double,
                              scale: Double = 0) -> Double {
        let slack = 1e-9 + 1e-15 * (Swift.abs(plus) + Swift.abs(minus)) / (2 * step)
        return Swift.max(0, Swift.abs(a - n) - slack) / Swift.max(Swift.abs(a), Swift.abs(n), scale, 1e-8)
    }

    /// True when one-sided differences show the centered difference straddles a kink.
    static func straddlesKink(forward: Double, backward: Double) -> Bool {
        Swift.abs(forward - backward) > 1e-2 * Swift.max(Swift.abs(forward), Swift.abs(backward)) + 1e-4
    }

    /// How many entries one level of a failing direction's search splits it into.
    static let searchFanOut = 16
    /// How many directions may be drawn, per direction asked for, to replace those at kinks.
    static let directionAttempts = 3

    /// The call of the case at its inputs with `variation`, asking for the loss alone.
    static func call(_ context: CheckContext, _ variation: Variation) -> Invocation {
        var call = context.call(context.inputs)
        call.variation = variation
        call.outputs = [Port<Double>.loss.name]
        return call
    }
}

extension GradientCheck {
    /// The plan: the invocation at the inputs and, in the same requests, the varied calls of
    /// each checked input. None of them depends on the analytic gradient, so all go at once:
    /// one round trip to the worker, and the inputs sent once.
    static func plan(_ context: CheckContext, specs: [GradientCheckSpec]) throws(CaseError) -> CheckPlan {
        guard !specs.isEmpty else { throw context.failure("a \(context.descriptor.family.rawValue) has no gradient to check") }
        var targets: [Target] = []
        for spec in specs {
            guard case .matrix(let x)? = context.inputs[spec.input] else {
                throw context.failure("gradient_check.input '\(spec.input)' must name a matrix input")
            }
            targets.append(Target(context: context, spec: spec, x: x))
        }
        let base = context.call(context.inputs)
        let offsets = targets.reduce(into: [1]) { $0.append($0.last! + $1.calls.count) }
        let invocations = (0..<offsets.last!).lazy.map { i -> Invocation in
            guard i > 0 else { return base }
            let t = offsets.lastIndex { $0 <= i }!
            return targets[t].calls[i - offsets[t]]
        }
        return CheckPlan(invocations) { results in
            let base = results[0]
            guard let f0 = base[.loss] else { return .done(.wrongOutput("loss", expected: "a scalar", got: base[value: .loss])) }
            var probes: [(Probe, Target, [Values])] = []
            for (t, target) in targets.enumerated() {
                let (spec, x) = (target.spec, target.x)
                guard case .matrix(let analytic)? = base[spec.output] else {
                    return .done(.wrongOutput(spec.output, expected: "a \(x.rows)×\(x.columns) matrix", got: base[spec.output]))
                }
                guard analytic.rows == x.rows, analytic.columns == x.columns else {
                    return .done(.fail(.wrongShape, "\(spec.output) is \(analytic.rows)×\(analytic.columns), but \(spec.input) is \(x.rows)×\(x.columns): a gradient has the shape of what it differentiates"))
                }
                probes.append((Probe(context: context, spec: spec, x: x, analytic: analytic, f0: f0), target,
                               Array(results[offsets[t]..<offsets[t + 1]])))
            }
            guard f0.isFinite else { return .done(.fail(.nonFinite, "the loss is \(f0)")) }
            // Finite everywhere, kinks included: a kink excuses a subgradient, not a NaN.
            for (probe, _, _) in probes {
                if let k = probe.analytic.elements.firstIndex(where: { !$0.isFinite }) {
                    return .done(.fail(.nonFinite, "\(probe.spec.output)\(probe.position(k)) is \(probe.analytic.elements[k])"))
                }
            }
            return check(probes, from: 0, passed: [], base: base, context: context)
        }
    }

    /// Judges `probes[index...]` in turn on their results, collecting the comparisons of those that passed.
    private static func check(_ probes: [(Probe, Target, [Values])], from index: Int, passed: [Comparison], base: Values,
                              context: CheckContext) -> CheckPlan.Step {
        guard index < probes.count else { return .done(.pass(passed)) }
        let (probe, target, results) = probes[index]
        let decided = { (evaluation: CaseEvaluation) -> CheckPlan.Step in
            var evaluation = evaluation
            if evaluation.passed {
                return check(probes, from: index + 1, passed: passed + evaluation.comparisons, base: base, context: context)
            }
            evaluation.comparisons = passed + evaluation.comparisons
            // A known mistake whose outputs at the inputs are the submission's is the better evidence.
            if let diagnosis = Misconceptions.replayedOutputs(context, got: base) {
                evaluation.misconception = diagnosis.text
                evaluation.mistakes = diagnosis.mistakes
            }
            return .done(evaluation)
        }
        switch target.selection {
        case .entries(let indices, let sampled):
            return decided(probe.judgeEntries(indices, sampled: sampled, results))
        case .directions(let drawn, let count, let next):
            return probe.judgeDirections(drawn, results, count: count, random: next, found: DirectionTally(), then: decided)
        }
    }
}

/// One checked input before the analytic gradient is known: what its mode varies, and the calls.
private struct Target {
    /// The entries or directions varied.
    enum Selection {
        /// Entries, every one or a sample drawn at random.
        case entries([Int], sampled: Bool)
        /// Unit directions drawn at random, how many are asked for, and the generator to draw
        /// replacements of those at kinks with.
        case directions([Matrix], count: Int, next: SeededGenerator)
    }

    let spec: GradientCheckSpec
    let x: Matrix
    let selection: Selection
    /// The calls, in pairs `+h`, `−h`, produced on demand.
    let calls: LazyMapCollection<Range<Int>, Invocation>

    init(context: CheckContext, spec: GradientCheckSpec, x: Matrix) {
        self.spec = spec
        self.x = x
        var random = context.random()
        let call = { (variation: Variation) in GradientCheck.call(context, variation) }
        let (input, step) = (spec.input, spec.step)
        switch spec.mode(forEntries: x.count) {
        case .all:
            let indices = Array(0..<x.count)
            selection = .entries(indices, sampled: false)
            calls = (0..<2 * indices.count).lazy.map { call(.entry(input: input, index: indices[$0 / 2], by: $0 % 2 == 0 ? step : -step)) }
        case .sample(let count):
            let picked = Array((0..<x.count).shuffled(using: &random).prefix(count)).sorted()
            selection = .entries(picked, sampled: true)
            calls = (0..<2 * picked.count).lazy.map { call(.entry(input: input, index: picked[$0 / 2], by: $0 % 2 == 0 ? step : -step)) }
        case .directions(let count):
            let drawn = Probe.unitDirections(count, like: x, using: &random)
            selection = .directions(drawn, count: count, next: random)
            calls = (0..<2 * drawn.count).lazy.map { call(.direction(input: input, direction: drawn[$0 / 2], by: $0 % 2 == 0 ? step : -step)) }
        }
    }
}

/// One checked input: the case, the input's value and the analytic gradient returned for it.
private struct Probe {
    let context: CheckContext
    let spec: GradientCheckSpec
    let x: Matrix
    let analytic: Matrix
    let f0: Double

    var step: Double { spec.step }

    /// `[i, j]` of entry `k`.
    func position(_ k: Int) -> String { "[\(k / x.columns), \(k % x.columns)]" }

    /// The call at the inputs with `variation`, asking for the loss alone.
    func call(_ variation: Variation) -> Invocation { GradientCheck.call(context, variation) }

    /// The pair of calls `x ± h·e_k`.
    func shifts(_ k: Int) -> [Invocation] {
        [call(.entry(input: spec.input, index: k, by: step)), call(.entry(input: spec.input, index: k, by: -step))]
    }

    /// The pair of calls `x ± h·v`.
    func moves(_ v: Matrix) -> [Invocation] {
        [call(.direction(input: spec.input, direction: v, by: step)), call(.direction(input: spec.input, direction: v, by: -step))]
    }

    /// The losses of a pair of calls, or why they cannot be used; `what` names the variation.
    func losses(_ results: [Values], at i: Int, _ what: String) -> Result<(plus: Double, minus: Double), EvaluationFailure> {
        guard let plus = results[i][.loss], let minus = results[i + 1][.loss] else {
            let got = results[i][.loss] == nil ? results[i][value: .loss] : results[i + 1][value: .loss]
            return .failure(EvaluationFailure(.wrongOutput("loss with \(what)", expected: "a scalar", got: got)))
        }
        guard plus.isFinite, minus.isFinite else {
            return .failure(EvaluationFailure(.fail(.nonFinite, "the loss is not finite with \(what)")))
        }
        return .success((plus, minus))
    }

    /// True when the pair `plus`, `minus` straddles a kink of the loss.
    func atKink(_ plus: Double, _ minus: Double) -> Bool {
        GradientCheck.straddlesKink(forward: (plus - f0) / step, backward: (f0 - minus) / step)
    }

    /// The failure naming entry `k`, with the telltales of a sign or a missing 1/N.
    func wrongEntry(_ k: Int, numeric n: Double, error: Double, comparisons: [Comparison], via: String = "") -> CaseEvaluation {
        let a = analytic.elements[k]
        var misconception: String?
        if n != 0 && Swift.abs(a / n + 1) < 1e-3 { misconception = "The gradient has the opposite sign: ∂L/∂x points uphill, and descent subtracts it." }
        else if n != 0 && Swift.abs(a / n - Double(x.rows)) < 1e-3 * Double(x.rows) {
            misconception = "The gradient is N times too large: the loss is a mean over samples, so its gradient is divided by N too."
        }
        return .fail(.wrongGradient,
                     "\(spec.output)\(position(k)) is \(ReportNumber.value(a)), but centered differences of your own loss give \(ReportNumber.value(n)) (relative error \(ReportNumber.value(error)))\(via): the gradient does not match the loss",
                     comparisons: comparisons, misconception: misconception)
    }

    /// The failure of a check whose every entry or direction sat at a kink.
    func allAtKinks(_ what: String, comparison: Comparison) -> CaseEvaluation {
        .fail(.wrongGradient,
              "every \(what) of \(spec.input) sits at a kink of your loss (its one-sided differences disagree), so centered differences cannot confirm \(spec.output) anywhere; a loss that is smooth almost everywhere has no kink at random points",
              comparisons: [comparison])
    }

    var tolerance: String { "max relative error \(ReportNumber.setting(spec.maxRelativeError))" }
}

/// A failed evaluation carried through a `Result`.
private struct EvaluationFailure: Error {
    let evaluation: CaseEvaluation
    init(_ evaluation: CaseEvaluation) { self.evaluation = evaluation }
}

// MARK: - Entries

extension Probe {
    /// Judges the entries `indices` (all of them, or a sample), each by its own centered
    /// difference, from the losses of their calls `x ± h·e_k`, in pairs.
    func judgeEntries(_ indices: [Int], sampled: Bool, _ results: [Values]) -> CaseEvaluation {
        var numeric = Matrix.zeros(like: x)
        var worst = 0.0, worstIndex = -1, kinks = 0, checked = 0
        for (m, k) in indices.enumerated() {
            let (plus, minus): (Double, Double)
            switch losses(results, at: 2 * m, "\(spec.input)\(position(k)) shifted") {
            case .failure(let failure): return failure.evaluation
            case .success(let pair): (plus, minus) = pair
            }
            numeric.elements[k] = (plus - minus) / (2 * step)
            if atKink(plus, minus) {
                kinks += 1
                continue
            }
            checked += 1
            let err = GradientCheck.relativeError(analytic: analytic.elements[k], numeric: numeric.elements[k],
                                                  plus: plus, minus: minus, step: step)
            if err > worst || worstIndex < 0 { worst = err; worstIndex = k }
        }
        let what = sampled ? "\(indices.count) entries drawn at random" : "\(checked) entries"
        let comparison = Comparison(
            quantity: "\(spec.output) vs centered differences of your loss (\(what), \(kinks) at kinks left out)",
            expected: sampled ? ValueComparator.format(.series(indices.map { numeric.elements[$0] })) : ValueComparator.format(.matrix(numeric)),
            got: sampled ? ValueComparator.format(.series(indices.map { analytic.elements[$0] })) : ValueComparator.format(.matrix(analytic)),
            relativeError: checked > 0 ? worst : nil, tolerance: tolerance, passed: checked > 0 && worst <= spec.maxRelativeError)
        if checked == 0 { return allAtKinks(sampled ? "entry drawn" : "entry", comparison: comparison) }
        if worst > spec.maxRelativeError {
            return wrongEntry(worstIndex, numeric: numeric.elements[worstIndex], error: worst, comparisons: [comparison])
        }
        return .pass([comparison])
    }
}

// MARK: - Directions

/// The directions checked so far: how many were drawn, how many sat at kinks, and the
/// directional derivatives of the others.
private struct DirectionTally {
    var drawn = 0
    var kinks = 0
    var analytic: [Double] = []
    var numeric: [Double] = []
    var worst = 0.0
}

extension Probe {
    /// The typical size of a directional derivative along a unit direction, `‖∇f‖/√n`.
    private var typicalSlope: Double {
        ((analytic * analytic).sum() / Double(Swift.max(x.count, 1))).squareRoot()
    }

    /// `⟨∇f, v⟩`.
    private func slope(along v: Matrix) -> Double { (analytic * v).sum() }

    /// `count` random unit directions of the shape of `x`.
    static func unitDirections(_ count: Int, like x: Matrix, using random: inout SeededGenerator) -> [Matrix] {
        (0..<count).map { _ in
            let v = Matrix.normal(rows: x.rows, columns: x.columns, using: &random)
            return v / Swift.max((v * v).sum().squareRoot(), .leastNormalMagnitude)
        }
    }

    /// Checks `count` random unit directions, drawing new ones for those at kinks (up to
    /// ``GradientCheck/directionAttempts`` per direction asked for).
    func directions(_ count: Int, random: SeededGenerator, found: DirectionTally,
                    then decided: @escaping (CaseEvaluation) -> CheckPlan.Step) -> CheckPlan {
        var random = random
        let wanted = Swift.min(count - found.analytic.count, count * GradientCheck.directionAttempts - found.drawn)
        let drawn = Self.unitDirections(wanted, like: x, using: &random)
        let next = random
        return CheckPlan(drawn.lazy.flatMap { self.moves($0) }) { results in
            judgeDirections(drawn, results, count: count, random: next, found: found, then: decided)
        }
    }

    /// Judges the directions `drawn` from the losses of their calls `x ± h·v`, in pairs; draws
    /// more with `random` while fewer than `count` were away from kinks.
    func judgeDirections(_ drawn: [Matrix], _ results: [Values], count: Int, random next: SeededGenerator, found: DirectionTally,
                         then decided: @escaping (CaseEvaluation) -> CheckPlan.Step) -> CheckPlan.Step {
        var tally = found
        for (m, v) in drawn.enumerated() {
            tally.drawn += 1
            let (plus, minus): (Double, Double)
            switch losses(results, at: 2 * m, "\(spec.input) moved along a random direction") {
            case .failure(let failure): return decided(failure.evaluation)
            case .success(let pair): (plus, minus) = pair
            }
            if atKink(plus, minus) {
                tally.kinks += 1
                continue
            }
            let a = slope(along: v), n = (plus - minus) / (2 * step)
            let err = GradientCheck.relativeError(analytic: a, numeric: n, plus: plus, minus: minus, step: step, scale: typicalSlope)
            tally.analytic.append(a)
            tally.numeric.append(n)
            tally.worst = Swift.max(tally.worst, err)
            if err > spec.maxRelativeError {
                return .more(search(v, range: 0..<v.count, error: err, slope: (a, n), tally: tally, then: decided))
            }
        }
        if tally.analytic.count < count && tally.drawn < count * GradientCheck.directionAttempts {
            return .more(directions(count, random: next, found: tally, then: decided))
        }
        let comparison = directionComparison(tally)
        if tally.analytic.isEmpty { return decided(allAtKinks("direction drawn", comparison: comparison)) }
        return decided(.pass([comparison]))
    }

    private func directionComparison(_ tally: DirectionTally, passed: Bool = true) -> Comparison {
        Comparison(
            quantity: "⟨\(spec.output), v⟩ vs centered differences of your loss along \(tally.analytic.count) random unit directions v of \(spec.input), every entry at once (\(tally.kinks) at kinks left out)",
            expected: ValueComparator.format(.series(tally.numeric)), got: ValueComparator.format(.series(tally.analytic)),
            relativeError: tally.analytic.isEmpty ? nil : tally.worst, tolerance: tolerance,
            passed: passed && !tally.analytic.isEmpty)
    }

    /// Narrows a failing direction `v`, restricted to `range`, down to one entry: each level
    /// splits the range into ``GradientCheck/searchFanOut`` parts, measures each part's
    /// directional derivative and keeps the part whose error is largest; a part of one entry
    /// is checked as that entry.
    private func search(_ v: Matrix, range: Range<Int>, error: Double, slope found: (a: Double, n: Double), tally: DirectionTally,
                        then decided: @escaping (CaseEvaluation) -> CheckPlan.Step) -> CheckPlan {
        let fanOut = GradientCheck.searchFanOut
        let size = (range.count + fanOut - 1) / fanOut
        let parts = stride(from: range.lowerBound, to: range.upperBound, by: size).map { $0 ..< Swift.min($0 + size, range.upperBound) }
        let single = size == 1
        let restricted: [Matrix] = single ? [] : parts.map { part in
            var u = Matrix.zeros(like: v)
            for k in part { u.elements[k] = v.elements[k] }
            return u
        }
        let calls = single ? parts.flatMap { shifts($0.lowerBound) } : restricted.flatMap { moves($0) }
        let failedDirection = { (note: String) -> CaseEvaluation in
            .fail(.wrongGradient,
                  "along a random direction v of \(spec.input), ⟨\(spec.output), v⟩ is \(ReportNumber.value(found.a)), but centered differences of your own loss give \(ReportNumber.value(found.n)) (relative error \(ReportNumber.value(error))): the gradient does not match the loss; \(note)",
                  comparisons: [directionComparison(tally, passed: false)])
        }
        return CheckPlan(calls) { results in
            var best: (part: Range<Int>, error: Double, slope: (a: Double, n: Double))?
            for (m, part) in parts.enumerated() {
                let what = single ? "\(spec.input)\(position(part.lowerBound)) shifted" : "\(spec.input) moved along part of a direction"
                let (plus, minus): (Double, Double)
                switch losses(results, at: 2 * m, what) {
                case .failure(let failure): return decided(failure.evaluation)
                case .success(let pair): (plus, minus) = pair
                }
                if atKink(plus, minus) { continue }
                let n = (plus - minus) / (2 * step)
                let a = single ? analytic.elements[part.lowerBound] : slope(along: restricted[m])
                let err = GradientCheck.relativeError(analytic: a, numeric: n, plus: plus, minus: minus, step: step)
                // The part's share of the direction's error, on one scale across parts.
                let share = Swift.abs(a - n)
                if best == nil || share > Swift.abs(best!.slope.a - best!.slope.n) { best = (part, err, (a, n)) }
            }
            guard let best, best.error > spec.maxRelativeError else {
                return decided(failedDirection("the error is spread over many entries, none wrong enough alone to name"))
            }
            if single {
                return decided(wrongEntry(best.part.lowerBound, numeric: best.slope.n, error: best.error,
                                          comparisons: [directionComparison(tally, passed: false)],
                                          via: ", found by narrowing down a random direction along which the gradient is wrong"))
            }
            return .more(search(v, range: best.part, error: error, slope: found, tally: tally, then: decided))
        }
    }
}
