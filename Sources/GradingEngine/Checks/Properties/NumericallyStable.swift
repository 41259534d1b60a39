import AssignmentFormat
import ComponentRuntime
import GradeKit
import GradeResults

/// Outputs agree with the reference (or its recorded values) on huge scores, and none is infinite or NaN.
enum NumericallyStable: PropertyCheck {
    static func plan(_ context: CheckContext, expected: Values?) throws(CaseError) -> CheckPlan {
        let tol = context.testCase.tolerance
        let inputs = context.inputs
        // Literal expected values (written by hand, or recorded for a student kit) stand in
        // for the reference.
        let expected = if let expected { expected } else { try context.referenceOutputs(context.call(inputs)) }
        let descriptor = context.descriptor
        return CheckPlan([context.call(inputs)]) { r in
            var verdicts = expected.keys.sorted(by: descriptor.reportOrder).map {
                ValueComparator.compare($0, expected: expected[$0]!, got: r[0][$0], tolerance: tol, isGradient: descriptor.isGradient($0))
            }
            for (name, value) in r[0].sorted(by: { descriptor.reportOrder($0.key, $1.key) }) where expected[name] == nil {
                if let bad = value.numbers.first(where: { !$0.isFinite }) {
                    verdicts.append(ValueComparator.Verdict(
                        comparison: Comparison(quantity: name, expected: "finite", got: ValueComparator.format(value),
                                               relativeError: nil, tolerance: "finite", passed: false),
                        problem: .nonFinite, reason: "\(name) contains \(bad)"))
                }
            }
            var evaluation = CaseEvaluation.from(verdicts)
            if !evaluation.passed, let diagnosis = Misconceptions.diagnose(context, expected: expected, got: r[0]) {
                evaluation.misconception = diagnosis.text
                evaluation.mistakes = diagnosis.mistakes
            }
            return evaluation
        }
    }
}
