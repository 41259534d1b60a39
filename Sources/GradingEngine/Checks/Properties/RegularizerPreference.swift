import AssignmentFormat
import ComponentRuntime
import GradeKit
import GradeResults

/// A penalty is a sum over entries: R(w1) and R(w2) of the lecture equal what their entries cost one by one.
enum RegularizerPreference: PropertyCheck {
    static func plan(_ context: CheckContext, expected: Values?) throws(CaseError) -> CheckPlan {
        let tol = context.testCase.tolerance
        // The lecture's w1 = [1, 0, 0, 0] and w2 = [.25, .25, .25, .25] score the same on
        // x = [1, 1, 1, 1]; only the penalty tells them apart. A penalty is a sum over entries,
        // R(W) = Σ r(W_k), so R(w1) = r(1) + 3 r(0) and R(w2) = 4 r(0.25), with r read off the
        // student's own penalty of 1×1 weights.
        let w1 = Values().with(.weights, Matrix([[1, 0, 0, 0]]))
        let w2 = Values().with(.weights, Matrix([[0.25, 0.25, 0.25, 0.25]]))
        let entries = [1.0, 0, 0.25].map { Values().with(.weights, Matrix([[$0]])) }
        return CheckPlan([context.call(w1), context.call(w2)] + entries.map { context.call($0) }) { r in
            if let wrong = r.first(where: { $0[.loss] == nil }) {
                return .wrongOutput("the penalty", expected: "a scalar", got: wrong[value: .loss])
            }
            let losses = r.map { values -> Double in if let v = values[.loss] { v } else { .nan } }
            let r1 = losses[2], r0 = losses[3], rQuarter = losses[4]
            var evaluation = CaseEvaluation.from([
                ValueComparator.compare("R(w1), w1 = [1, 0, 0, 0], against r(1) + 3·r(0)", expected: .scalar(r1 + 3 * r0),
                                        got: .scalar(losses[0]), tolerance: tol),
                ValueComparator.compare("R(w2), w2 = [.25, .25, .25, .25], against 4·r(0.25)", expected: .scalar(4 * rQuarter),
                                        got: .scalar(losses[1]), tolerance: tol),
            ])
            if !evaluation.passed {
                evaluation.problem = .propertyViolated
                evaluation.reason = "a penalty adds up one term per weight, R(W) = Σ r(W_k), so w1 and w2 must cost what their entries cost one by one: " + (evaluation.reason ?? "")
                evaluation.misconception = "Sum the penalty over every entry: not a mean, and for L2 the square of each weight (Σ W²), not the norm ‖W‖."
            } else {
                let preference = losses[0] > losses[1] ? "prefers the spread-out w2" : (losses[0] < losses[1] ? "prefers the sparse w1" : "is indifferent between w1 and w2")
                evaluation.comparisons.append(Comparison(quantity: "preference", expected: "—",
                    got: "R(w1) = \(ReportNumber.value(losses[0])), R(w2) = \(ReportNumber.value(losses[1])): this penalty \(preference)",
                    relativeError: nil, tolerance: "—", passed: true))
            }
            return evaluation
        }
    }
}
