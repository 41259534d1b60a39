import AssignmentFormat
import ComponentRuntime
import GradeKit
import GradeResults

/// Jiggling the wrong-class scores of a sample whose margins all hold, within their slack, leaves the SVM loss unchanged.
enum JiggleInvariance: PropertyCheck {
    static func plan(_ context: CheckContext, expected: Values?) throws(CaseError) -> CheckPlan {
        var rng = context.random()
        let h = context.testCase.hyperparameters
        let given = context.inputs
        let tol = context.testCase.tolerance
        var s: Matrix
        var labels: [Int]
        if let scores = given[.scores], let y = given[.labels] {
            s = scores
            labels = y
        } else {
            s = Matrix.normal(rows: 3, columns: 4, using: &rng)
            labels = [2, 0, 1]
            s[0, 2] = s[row: 0].enumerated().filter { $0.offset != 2 }.map(\.element).max()! + h.margin + 2
        }
        // Every sample whose margins all hold with room to spare is jiggled within that room.
        var jiggled = s
        var moved: [Int] = []
        for i in 0..<s.rows {
            let slack = (0..<s.columns).filter { $0 != labels[i] }.map { s[i, labels[i]] - s[i, $0] - h.margin }.min() ?? 0
            guard slack > 0 else { continue }
            moved.append(i)
            for j in 0..<s.columns where j != labels[i] { jiggled[i, j] += (rng.nextUnit() - 0.5) * slack }
        }
        try context.require(!moved.isEmpty, "jiggle-invariance needs a sample whose margins all hold with room to spare (s_j < s_{y_i} − Δ for every j ≠ y_i)")
        let samples = moved.map(String.init).joined(separator: ", ")
        return CheckPlan([context.call(Values().with(.scores, s).with(.labels, labels)),
                                    context.call(Values().with(.scores, jiggled).with(.labels, labels))]) { r in
            let before: Double
            switch finiteLoss(r[0]) {
            case .success(let loss): before = loss
            case .failure(let failure): return failure.evaluation
            }
            let verdict = ValueComparator.compare("loss after jiggling sample \(samples)", expected: .scalar(before),
                                                  got: r[1][value: .loss], tolerance: tol)
            if verdict.problem == nil { return .pass([verdict.comparison]) }
            return .fail(.propertyViolated,
                         "sample \(samples) meets every margin with room to spare, so jiggling its wrong-class scores within that room must not change the loss",
                         comparisons: [verdict.comparison],
                         misconception: "A satisfied margin contributes max(0, m) = 0, whatever its exact value: only violated margins count.")
        }
    }
}
