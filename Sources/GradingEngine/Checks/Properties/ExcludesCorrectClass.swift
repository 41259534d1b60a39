import AssignmentFormat
import ComponentRuntime
import GradeKit
import GradeResults

/// The SVM sums over j ≠ y_i only: with all scores equal, C classes give exactly C − 1 times the loss of 2.
enum ExcludesCorrectClass: PropertyCheck {
    static func plan(_ context: CheckContext, expected: Values?) throws(CaseError) -> CheckPlan {
        let given = context.inputs
        let tol = context.testCase.tolerance
        // With equal scores every wrong class contributes the same term f(Δ), so a loss over
        // C classes must be exactly C − 1 times the loss over 2 — the student's own numbers.
        var scores = Matrix(rows: 2, columns: 4, repeating: 0.7)
        var labels = [1, 3]
        if let givenScores = given[.scores], let givenLabels = given[.labels] {
            try context.require(givenScores.columns > 2 && (0..<givenScores.rows).allSatisfy { i in
                givenScores[row: i].allSatisfy { $0 == givenScores[i, 0] }
            }, "excludes-correct-class needs scores with more than 2 classes whose every row holds one value")
            scores = givenScores
            labels = givenLabels
        }
        let classes = scores.columns
        let twoClasses = Matrix(rows: scores.rows, columns: 2, elements: (0..<scores.rows).flatMap { [scores[$0, 0], scores[$0, 0]] })
        let many = Values().with(.scores, scores).with(.labels, labels)
        let two = Values().with(.scores, twoClasses).with(.labels, labels.map { _ in 0 })
        return CheckPlan([context.call(many), context.call(two)]) { r in
            guard let lossMany = r[0][.loss] else { return .wrongOutput("loss", expected: "a scalar", got: r[0][value: .loss]) }
            guard let lossTwo = r[1][.loss] else {
                return .wrongOutput("loss with 2 classes", expected: "a scalar", got: r[1][value: .loss])
            }
            let verdict = ValueComparator.compare(
                "loss with \(classes) equal scores, against \(classes - 1) × the loss with 2", expected: .scalar(Double(classes - 1) * lossTwo),
                got: .scalar(lossMany), tolerance: tol)
            if verdict.problem == nil && lossTwo > 0 { return .pass([verdict.comparison]) }
            var misconception: String?
            if lossTwo > 0, Swift.abs(lossMany - Double(classes) / 2 * lossTwo) <= 1e-9 * Swift.abs(lossMany) {
                misconception = "The sum includes j = y_i, which adds exactly Δ per sample: sum over j ≠ y_i only."
            }
            let reason = lossTwo > 0
                ? "with all scores equal each of the C − 1 wrong classes adds the same margin term, so C classes must give C − 1 times what 2 classes give"
                : "with all scores equal every wrong class has margin Δ > 0, so the loss cannot be 0"
            return .fail(.propertyViolated, reason, comparisons: [verdict.comparison], misconception: misconception)
        }
    }
}
