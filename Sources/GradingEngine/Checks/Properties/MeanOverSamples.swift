import AssignmentFormat
import ComponentRuntime
import GradeKit
import GradeResults

/// Loss and gradient are means over samples: duplicating every sample (every per-sample input of the family) leaves the loss unchanged.
enum MeanOverSamples: PropertyCheck {
    static func plan(_ context: CheckContext, expected: Values?) throws(CaseError) -> CheckPlan {
        let tol = context.testCase.tolerance
        let inputs = context.inputs
        var doubled = inputs
        for port in context.descriptor.perSampleInputs {
            switch inputs[port] {
            case .matrix(let m)?: doubled[port] = .matrix(Matrix(rows: 2 * m.rows, columns: m.columns, elements: m.elements + m.elements))
            case .integers(let v)?: doubled[port] = .integers(v + v)
            default: break
            }
        }
        return CheckPlan([context.call(inputs), context.call(doubled)]) { r in
            let once: Double
            switch finiteLoss(r[0]) {
            case .success(let loss): once = loss
            case .failure(let failure): return failure.evaluation
            }
            let verdict = ValueComparator.compare("loss with every sample twice", expected: .scalar(once),
                                                  got: r[1][value: .loss], tolerance: tol)
            if verdict.problem == nil { return .pass([verdict.comparison]) }
            var misconception: String?
            if let a = r[0][.loss], let b = r[1][.loss], a != 0,
               Swift.abs(b / a - 2) < 1e-6 {
                misconception = "The loss is a sum over samples, not a mean: it grows with N. Divide by N (the lecture's L = (1/N) Σ L_i)."
            }
            return .fail(.propertyViolated, "duplicating every sample must leave a mean loss unchanged",
                         comparisons: [verdict.comparison], misconception: misconception)
        }
    }
}
