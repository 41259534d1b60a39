import AssignmentFormat
import ComponentRuntime
import GradeKit
import GradeResults

/// Squared hinge is not a rescaling of hinge: one margin of 2 costs 4, one of 0.5 costs 0.25.
enum SquaredHingeIsNotScaledHinge: PropertyCheck {
    static func plan(_ context: CheckContext, expected: Values?) throws(CaseError) -> CheckPlan {
        let h = context.testCase.hyperparameters
        let tol = context.testCase.tolerance
        let d = h.margin
        let a = Values().with(.scores, Matrix([[0, 2 - d]])).with(.labels, [0])
        let b = Values().with(.scores, Matrix([[0, 0.5 - d]])).with(.labels, [0])
        return CheckPlan([context.call(a), context.call(b)]) { r in
            let verdicts = [
                ValueComparator.compare("loss with one margin of 2", expected: .scalar(4), got: r[0][value: .loss], tolerance: tol),
                ValueComparator.compare("loss with one margin of 0.5", expected: .scalar(0.25), got: r[1][value: .loss], tolerance: tol),
            ]
            var evaluation = CaseEvaluation.from(verdicts)
            if !evaluation.passed {
                evaluation.problem = .propertyViolated
                evaluation.misconception = "Squared hinge squares each margin, max(0, m)²: it is a different loss from hinge, not hinge times a constant."
            }
            return evaluation
        }
    }
}
