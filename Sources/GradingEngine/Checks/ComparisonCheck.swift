import AssignmentFormat
import ComponentRuntime
import Foundation
import GradeKit
import GradeResults

/// Worked examples, reference agreement and numerical-gradient cases: run once, compare
/// the outputs with expected values (the case's, the reference's, or the exact gradient of
/// a test function).
enum ComparisonCheck {
    /// The plan of a worked example: the lecture's values, the loss optionally in base-b units.
    static func workedExample(_ context: CheckContext, expected: Values, logBase: Double?) throws(CaseError) -> CheckPlan {
        try plan(context, expected: expected, logBase: logBase)
    }

    /// The plan of a reference case: the reference's outputs on the same inputs, or those
    /// recorded into the case.
    static func reference(_ context: CheckContext, recorded: Values?) throws(CaseError) -> CheckPlan {
        if let fingerprint = context.testCase.inputsFingerprint, fingerprint != context.inputs.fingerprint {
            throw context.failure("its outputs were recorded for inputs of fingerprint \(fingerprint), but its generators give \(context.inputs.fingerprint) here: the kit and its grader differ; release the kit again")
        }
        let expected = if let recorded { recorded } else { try context.referenceOutputs(context.call(context.inputs)) }
        return try plan(context, expected: expected, logBase: nil)
    }

    /// The plan of a numerical-gradient case: the exact gradient of the test function at the point.
    static func numericalGradient(_ context: CheckContext) throws(CaseError) -> CheckPlan {
        guard let name = context.inputs[.function], let function = TestFunction.named(name),
              let point = context.inputs[.point] else {
            throw context.failure("a numerical-gradient case needs inputs 'function' (a known test function) and 'point' (a matrix)")
        }
        var expected = Values()
        expected[.gradient] = function.gradient(point)
        return try plan(context, expected: expected, logBase: nil)
    }

    private static func plan(_ context: CheckContext, expected all: Values, logBase: Double?) throws(CaseError) -> CheckPlan {
        let testCase = context.testCase, descriptor = context.descriptor
        let expected = testCase.compare.isEmpty ? all : all.filter { testCase.compare.contains($0.key) }
        if expected.isEmpty { throw context.failure("nothing to compare") }
        return CheckPlan([context.call(context.inputs)]) { results in
            var got = results[0]
            if let base = logBase, let loss = got[.loss] { got[.loss] = loss / Foundation.log(base) }
            let verdicts = expected.keys.sorted(by: descriptor.reportOrder).map { name in
                ValueComparator.compare(name, expected: expected[name]!, got: got[name], tolerance: testCase.tolerance,
                                        isGradient: descriptor.isGradient(name))
            }
            var evaluation = CaseEvaluation.from(verdicts)
            evaluation = applyConventions(context, evaluation, expected: expected, got: got)
            if !evaluation.passed && evaluation.misconception == nil {
                let diagnosis = Misconceptions.diagnose(context, expected: expected, got: got)
                evaluation.misconception = diagnosis?.text
                evaluation.mistakes = diagnosis?.mistakes ?? []
                if let base = logBase, evaluation.reason != nil {
                    evaluation.reason! += " (your natural-log loss divided by ln \(ReportNumber.value(base)))"
                }
            }
            return evaluation
        }
    }

    /// The verdict under the assignment's conventions: outputs that are an accepted
    /// convention's pass (named, when the note is asked for); outputs that are a
    /// convention's that costs points fail even where they fall within the tolerance — on a
    /// case whose inputs are all written out, and on a case with generated inputs when the
    /// convention falls outside the case's tolerance on every one of ``conventionDraws``
    /// fixed draws of them. Otherwise they pass: how far the conventions differ would depend
    /// on the draw, and so would the points.
    private static func applyConventions(_ context: CheckContext, _ evaluation: CaseEvaluation,
                                         expected: Values, got: Values) -> CaseEvaluation {
        let conventions = context.oracle.mistakes.filter { context.conventions[$0.key] != nil }
        guard !conventions.isEmpty else { return evaluation }
        let matched = Misconceptions.matching(context, expected: expected, got: got, among: conventions)
        guard let convention = matched.first, let policy = context.conventions[convention.key] else { return evaluation }
        // A convention that equals the lecture's form on these inputs tells nothing.
        if evaluation.passed && expected.allSatisfy({ name, value in got[name].map { Misconceptions.agree($0, value) } ?? false }) {
            return evaluation
        }
        var result = evaluation
        let seeded = context.testCase.inputs.values.contains { if case .generated = $0 { true } else { false } }
        switch policy {
        case .costsPoints where seeded && !tellsApart(context, convention, outputs: Array(expected.keys)):
            return .pass(evaluation.comparisons)
        case .accepted, .acceptedWithNote:
            result = .pass(evaluation.comparisons)
            if policy == .acceptedWithNote {
                result.misconception = "Accepted: " + convention.explanation
            }
        case .costsPoints:
            if result.passed {
                result = .fail(.wrongValue, "your outputs are those of another convention, which this course does not accept",
                               comparisons: evaluation.comparisons)
            }
            result.misconception = convention.explanation
        }
        result.mistakes = [convention.key]
        return result
    }

    /// The run seeds of the draws on which a case with generated inputs is asked whether it
    /// tells a convention from the lecture's form; fixed, so that the answer is the same on every run.
    static let conventionDraws: [UInt64] = Array(1...8)

    /// Whether the convention's outputs fall outside the case's tolerance of the reference's on
    /// every draw of ``conventionDraws``.
    private static func tellsApart(_ context: CheckContext, _ convention: KnownMistake, outputs: [String]) -> Bool {
        conventionDraws.allSatisfy { draw in
            let invocation = context.call(InputGenerator(runSeed: draw).inputs(for: context.testCase))
            guard let theirs = context.oracle.outputs(of: convention, for: invocation),
                  let correct = try? context.oracle.outputs(for: invocation) else { return false }
            return outputs.contains { name in
                guard let x = theirs[name]?.numbers, let y = correct[name]?.numbers, x.count == y.count else { return true }
                return zip(x, y).contains { !context.testCase.tolerance.admits($0, expected: $1) }
            }
        }
    }
}
