import AssignmentFormat
import ComponentRuntime
import GradeKit
import GradeResults

/// If W (or S) gives zero SVM data loss, so does 2W (2S).
enum ScaledWeightsStayZero: PropertyCheck {
    static func plan(_ context: CheckContext, expected: Values?) throws(CaseError) -> CheckPlan {
        var rng = context.random()
        let h = context.testCase.hyperparameters
        let given = context.inputs
        let tol = context.testCase.tolerance
        // Given inputs are used as they are; otherwise W is scaled until every margin holds by 1.5Δ.
        var x = Matrix.normal(rows: 6, columns: 3, using: &rng)
        var w = Matrix.normal(rows: 3, columns: 4, using: &rng)
        var labels = x.dot(w).argmaxRows()
        var scores: Matrix
        if let gw = given[.weights], let gx = given[.inputs], let gy = given[.labels] {
            (w, x, labels) = (gw, gx, gy)
            scores = x.dot(w)
        } else if let gs = given[.scores], let gy = given[.labels] {
            scores = gs
            labels = gy
        } else {
            let s = x.dot(w)
            let gap = (0..<s.rows).map { i in
                s[i, labels[i]] - s[row: i].enumerated().filter { $0.offset != labels[i] }.map(\.element).max()!
            }.min()!
            w = w * ((h.margin * 1.5) / Swift.max(gap, 1e-3))
            scores = x.dot(w)
        }
        let met = (0..<scores.rows).allSatisfy { i in
            (0..<scores.columns).allSatisfy { j in j == labels[i] || scores[i, j] - scores[i, labels[i]] + h.margin <= 0 }
        }
        try context.require(met, "scaled-weights-stay-zero needs inputs whose every margin is met (s_j − s_{y_i} + Δ ≤ 0), so that the SVM data loss is 0")
        var unregularized = h
        unregularized.regularization = 0
        let calls: [Invocation]
        let what: String
        if context.descriptor.family == .linearObjective {
            what = "W"
            calls = [context.call(Values().with(.weights, w).with(.inputs, x).with(.labels, labels), unregularized),
                     context.call(Values().with(.weights, w * 2).with(.inputs, x).with(.labels, labels), unregularized)]
        } else {
            what = "S"
            calls = [context.call(Values().with(.scores, scores).with(.labels, labels)),
                     context.call(Values().with(.scores, scores * 2).with(.labels, labels))]
        }
        return CheckPlan(calls) { r in
            let verdicts = [
                ValueComparator.compare("loss at \(what) (all margins met)", expected: .scalar(0), got: r[0][value: .loss], tolerance: tol),
                ValueComparator.compare("loss at 2\(what)", expected: .scalar(0), got: r[1][value: .loss], tolerance: tol),
            ]
            var evaluation = CaseEvaluation.from(verdicts)
            if !evaluation.passed {
                evaluation.problem = .propertyViolated
                evaluation.reason = "every margin is met, so the SVM data loss is 0, and doubling only widens the margins: " + (evaluation.reason ?? "")
            }
            return evaluation
        }
    }
}
