import AssignmentFormat
import ComponentRuntime
import Foundation
import GradeKit
import GradeResults

/// The submission's time a call against the reference's on the same inputs, both measured in
/// this run on this machine.
///
/// Each of `repetitions` rounds times the reference on three calls in the grader, then the
/// submission from outside its worker: a request of one call and a request of three, whose
/// difference in wall-clock time, halved, is the time of one call without the cost of sending
/// the inputs. Each call moves the smallest matrix input by a different direction of size 1e-9, so that
/// no call can answer with an earlier one's outputs. The verdict compares medians: the
/// submission passes when its median is at most `max_slowdown` times the reference's. A first
/// round more than three times over that limit decides at once, so that a very slow
/// submission does not spend the case's whole time being measured. The outputs of the first
/// call must match the reference under the case's tolerance: the speed of a wrong answer is
/// not measured.
enum EfficiencyCheck {
    /// The size of the move that makes each timed call differ from the others.
    static let jiggle = 1e-9

    static func plan(_ context: CheckContext, spec: EfficiencySpec) throws(CaseError) -> CheckPlan {
        // The smallest matrix input is moved: every call differs, at the least cost of sending the move.
        let matrices = context.descriptor.matrixInputs.compactMap { name -> (name: String, value: Matrix)? in
            guard case .matrix(let x)? = context.inputs[name] else { return nil }
            return (name, x)
        }
        guard let (input, x) = matrices.min(by: { $0.value.count < $1.value.count }) else {
            throw context.failure("an efficiency case needs a matrix input to time the component on")
        }
        return round(0, Timing(context: context, spec: spec, input: input, shape: (x.rows, x.columns)), random: context.random(),
                     student: [], reference: [])
    }

    private struct Timing {
        let context: CheckContext
        let spec: EfficiencySpec
        let input: String
        let shape: (rows: Int, columns: Int)

        func call(_ random: inout SeededGenerator) -> Invocation {
            var call = context.call(context.inputs)
            call.variation = .direction(input: input, direction: .normal(rows: shape.rows, columns: shape.columns, using: &random),
                                        by: EfficiencyCheck.jiggle)
            return call
        }
    }

    private static func round(_ index: Int, _ timing: Timing, random: SeededGenerator, student: [Double], reference: [Double]) -> CheckPlan {
        var random = random
        let context = timing.context
        let single = timing.call(&random)
        let triple = (0..<3).map { _ in timing.call(&random) }
        let next = random
        return CheckPlan(timed: [[single], triple]) { values, seconds in
            if index == 0, let wrong = wrongOutputs(context, single, got: values[0]) { return .done(wrong) }
            let started = Monotonic.now()
            for call in triple {
                guard (try? context.oracle.outputs(for: call)) != nil else {
                    return .done(.fail(.missingResult, "the reference cannot run this case"))
                }
            }
            let reference = reference + [(Monotonic.now() - started) / 3]
            let student = student + [Swift.max(seconds[1] - seconds[0], 0) / 2]
            let limit = timing.spec.maxSlowdown
            let clearlySlow = index == 0 && student[0] > 3 * limit * Swift.max(reference[0], 1e-9)
            if index + 1 < timing.spec.repetitions && !clearlySlow {
                return .more(round(index + 1, timing, random: next, student: student, reference: reference))
            }
            return .done(verdict(context, spec: timing.spec, student: student, reference: reference))
        }
    }

    /// The failure of a first call whose outputs are not the reference's.
    private static func wrongOutputs(_ context: CheckContext, _ call: Invocation, got: Values) -> CaseEvaluation? {
        guard let expected = try? context.oracle.outputs(for: call) else {
            return .fail(.missingResult, "the reference cannot run this case")
        }
        let descriptor = context.descriptor
        let verdicts = expected.keys.sorted(by: descriptor.reportOrder).map { name in
            ValueComparator.compare(name, expected: expected[name]!, got: got[name], tolerance: context.testCase.tolerance,
                                    isGradient: descriptor.isGradient(name))
        }
        var evaluation = CaseEvaluation.from(verdicts)
        guard !evaluation.passed else { return nil }
        evaluation.reason = (evaluation.reason ?? "wrong outputs") + "; the speed of a wrong answer is not measured"
        return evaluation
    }

    private static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    private static func verdict(_ context: CheckContext, spec: EfficiencySpec, student: [Double], reference: [Double]) -> CaseEvaluation {
        let yours = median(student), theirs = Swift.max(median(reference), 1e-9)
        let ratio = yours / theirs
        let passed = ratio <= spec.maxSlowdown
        let comparison = Comparison(
            quantity: "median time a call over \(student.count) round\(student.count == 1 ? "" : "s"), yours vs the reference's on the same inputs",
            expected: "at most \(ReportNumber.setting(spec.maxSlowdown))× the reference's \(milliseconds(theirs))",
            got: "\(milliseconds(yours)) (\(times(ratio)))", relativeError: nil,
            tolerance: "at most \(ReportNumber.setting(spec.maxSlowdown))× slower", passed: passed)
        guard !passed else { return .pass([comparison]) }
        let component = context.testCase.component
        return .fail(.tooSlow,
                     "your \(component) takes \(milliseconds(yours)) a call on these inputs, \(times(ratio)) slower than the reference's \(milliseconds(theirs)) (at most \(ReportNumber.setting(spec.maxSlowdown))× passes): vectorize it, replacing loops over samples and classes with matrix operations (X·W, Xᵀ·dS, sums over an axis)",
                     comparisons: [comparison])
    }

    private static func milliseconds(_ seconds: Double) -> String {
        let ms = seconds * 1000
        return ms >= 100 ? "\(Int(ms.rounded())) ms" : ms >= 1 ? String(format: "%.1f ms", ms) : String(format: "%.3f ms", ms)
    }

    private static func times(_ ratio: Double) -> String {
        ratio >= 10 ? "\(Int(ratio.rounded()))×" : String(format: "%.1f×", ratio)
    }
}
