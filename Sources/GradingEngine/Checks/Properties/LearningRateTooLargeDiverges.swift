import AssignmentFormat
import ComponentRuntime
import GradeKit
import GradeResults

/// On the ill-conditioned bowl a rate of 0.5 makes f grow and a rate of 0.01 makes it shrink.
enum LearningRateTooLargeDiverges: PropertyCheck {
    static func plan(_ context: CheckContext, expected: Values?) throws(CaseError) -> CheckPlan {
        let h = context.testCase.hyperparameters
        let given = context.inputs
        var inputs = Values().with(.parameters, Matrix(rows: 1, columns: 5, repeating: 1))
            .with(.objective, "ill-conditioned-bowl").with(.steps, [20])
        if given[value: .parameters] != nil, given[value: .objective] != nil { inputs = given }
        guard let start = inputs[.parameters], let name = inputs[.objective],
              let function = TestFunction.named(name), name == "ill-conditioned-bowl" else {
            throw context.failure("learning-rate-too-large-diverges runs on objective: ill-conditioned-bowl, whose curvature (1 to 10) sets which rates diverge")
        }
        var large = h, small = h
        large.learningRate = 0.5
        small.learningRate = 0.01
        return CheckPlan([context.call(inputs, large), context.call(inputs, small)]) { r in
            let stepCount: Int? = if let s = inputs[.steps], s.count == 1 { s[0] } else { nil }
            let steps = (stepCount.map { "\($0) matrices" } ?? "matrices") + " of \(start.rows)×\(start.columns)"
            func trajectory(_ values: Values) -> [Matrix]? {
                guard let path = values[.trajectory], !path.isEmpty, stepCount.map({ $0 == path.count }) ?? true,
                      path.allSatisfy({ $0.rows == start.rows && $0.columns == start.columns }) else { return nil }
                return path
            }
            guard let big = trajectory(r[0]) else { return .wrongOutput("trajectory with α = 0.5", expected: steps, got: r[0][value: .trajectory]) }
            guard let little = trajectory(r[1]) else { return .wrongOutput("trajectory with α = 0.01", expected: steps, got: r[1][value: .trajectory]) }
            // The large rate may legitimately overflow; the small one must stay finite.
            guard little.allSatisfy({ $0.elements.allSatisfy(\.isFinite) }) else {
                return .fail(.nonFinite, "with α = 0.01 the trajectory holds an infinite or NaN parameter, but a small enough rate must converge")
            }
            let bigEnd = big[big.count - 1], littleEnd = little[little.count - 1]
            let f0 = function.value(start), fBig = function.value(bigEnd), fSmall = function.value(littleEnd)
            let comparison = Comparison(
                quantity: "f after \(big.count) steps from f = \(ReportNumber.value(f0)) (α = 0.5, α = 0.01)",
                expected: "α = 0.5: above \(ReportNumber.value(f0)); α = 0.01: below",
                got: "\(ReportNumber.value(fBig)); \(ReportNumber.value(fSmall))",
                relativeError: nil, tolerance: "strict", passed: fBig > f0 && fSmall < f0)
            if comparison.passed { return .pass([comparison]) }
            return .fail(.propertyViolated,
                         "on a bowl with curvature up to 10, a learning rate of 0.5 overshoots and the loss must grow, while 0.01 must make it shrink",
                         comparisons: [comparison])
        }
    }
}
