import AssignmentFormat
import ComponentRuntime
import Foundation
import GradeKit
import GradeResults

/// Softmax with all C scores equal gives log C.
enum UniformScoresGiveLogC: PropertyCheck {
    static func plan(_ context: CheckContext, expected: Values?) throws(CaseError) -> CheckPlan {
        let given = context.inputs
        let tol = context.testCase.tolerance
        var inputs = Values().with(.scores, Matrix(rows: 2, columns: 5, repeating: 3.7)).with(.labels, [0, 4])
        if given[value: .scores] != nil, given[value: .labels] != nil { inputs = given }
        guard let scores = inputs[.scores] else {
            throw context.failure("uniform-scores-give-log-c needs scores")
        }
        try context.require((0..<scores.rows).allSatisfy { i in scores[row: i].allSatisfy { $0 == scores[i, 0] } },
                         "uniform-scores-give-log-c needs scores whose every row holds one value")
        let classes = scores.columns
        return CheckPlan([context.call(inputs)]) { r in
            let verdict = ValueComparator.compare("loss with \(classes) equal scores", expected: .scalar(Foundation.log(Double(classes))),
                                                  got: r[0][value: .loss], tolerance: tol)
            if verdict.problem == nil { return .pass([verdict.comparison]) }
            return .fail(.propertyViolated, "with all C scores equal every class has probability 1/C, so the loss is log C = log \(classes)",
                         comparisons: [verdict.comparison])
        }
    }
}
