import AssignmentFormat
import ComponentRuntime
import GradeKit
import GradeResults

/// Softmax loss is always > 0 and its gradient still pushes every correct class up.
enum SoftmaxNeverZero: PropertyCheck {
    static func plan(_ context: CheckContext, expected: Values?) throws(CaseError) -> CheckPlan {
        let given = context.inputs
        var inputs = Values().with(.scores, Matrix([[10, -2, 3]])).with(.labels, [0])
        if given[value: .scores] != nil, given[value: .labels] != nil { inputs = given }
        guard let labels = inputs[.labels], let scores = inputs[.scores] else {
            throw context.failure("softmax-never-zero needs scores and labels")
        }
        try context.require(labels.count == scores.rows && labels.allSatisfy { (0..<scores.columns).contains($0) },
                         "softmax-never-zero needs one label per row of scores, each in 0..<\(scores.columns)")
        return CheckPlan([context.call(inputs)]) { r in
            guard let loss = r[0][.loss] else { return .wrongOutput("loss", expected: "a scalar", got: r[0][value: .loss]) }
            guard let g = r[0][.gradient], g.rows == scores.rows, g.columns == scores.columns else {
                return .wrongOutput("gradient", expected: "a \(scores.rows)×\(scores.columns) matrix", got: r[0][value: .gradient])
            }
            // An infinite loss is not "never zero", and −inf entries must not pass for pushes.
            guard loss.isFinite, g.elements.allSatisfy(\.isFinite) else {
                return .fail(.nonFinite, "the loss is \(ReportNumber.value(loss)) and the gradient \(ValueComparator.format(.matrix(g))): both must be finite")
            }
            let pushes = labels.enumerated().map { g[$0.offset, $0.element] }
            let comparison = Comparison(quantity: "loss, and ∂L/∂s_{y_i} of each sample", expected: "> 0, and every ∂L/∂s_{y_i} < 0",
                                        got: "\(ReportNumber.value(loss)), \(ValueComparator.format(.series(pushes)))",
                                        relativeError: nil, tolerance: "strict", passed: loss > 0 && pushes.allSatisfy { $0 < 0 })
            if comparison.passed { return .pass([comparison]) }
            return .fail(.propertyViolated, "softmax never reaches exactly 0: its loss stays positive and its gradient keeps pushing every correct class up",
                         comparisons: [comparison])
        }
    }
}
