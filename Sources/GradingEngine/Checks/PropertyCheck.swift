import AssignmentFormat
import ComponentRuntime
import Foundation
import GradeKit
import GradeResults

/// The behaviours of the lecture, checked on the student's component with inputs built
/// for each property (seeded by the case).
extension CaseRunner {
    func checkProperty(_ testCase: TestCase) throws(CaseError) -> CaseOutcome {
        let family = try family(of: testCase)
        guard let property = testCase.property else {
            throw CaseError(caseName: testCase.name, location: testCase.location, message: "a property case needs 'property'")
        }
        let plan = try propertyPlan(property, testCase: testCase, family: family)
        switch run(plan.calls, for: testCase) {
        case .ended(let status, let problem, let reason, let output):
            return CaseOutcome(status: status, evaluation: .fail(problem, reason), output: output)
        case .outputs(let results, let output):
            let evaluation = plan.judge(results)
            return CaseOutcome(status: evaluation.passed ? .passed : .failed, evaluation: evaluation, output: output)
        }
    }

    private struct PropertyPlan {
        var calls: [Invocation]
        var judge: ([Values]) -> CaseEvaluation
    }

    private func requireFamily(_ family: ComponentFamily, _ property: PropertyName, _ testCase: TestCase) throws(CaseError) {
        guard property.families.contains(family) else {
            throw CaseError(caseName: testCase.name, location: testCase.location,
                            message: "property '\(property.rawValue)' applies to \(property.families.map(\.rawValue).sorted().joined(separator: " or ")), not to a \(family.rawValue)")
        }
    }

    private func propertyPlan(_ property: PropertyName, testCase: TestCase,
                              family: ComponentFamily) throws(CaseError) -> PropertyPlan {
        var rng = SeededGenerator(seed: generator.seed(for: testCase))
        let h = testCase.hyperparameters
        let tol = testCase.tolerance
        func call(_ inputs: Values, _ hyper: Hyperparameters? = nil) -> Invocation {
            invocation(testCase, family: family, inputs: inputs, hyperparameters: hyper)
        }
        switch property {
        case .jiggleInvariance:
            try requireFamily(family, property, testCase)
            var s = InputGenerator.normalMatrix(rows: 3, columns: 4, using: &rng)
            let labels = [2, 0, 1]
            s[0, 2] = s[row: 0].enumerated().filter { $0.offset != 2 }.map(\.element).max()! + h.margin + 2
            var jiggled = s
            for j in 0..<4 { jiggled[0, j] += (rng.nextUnit() - 0.5) }
            return PropertyPlan(calls: [call(["scores": .matrix(s), "labels": .integers(labels)]),
                                        call(["scores": .matrix(jiggled), "labels": .integers(labels)])]) { r in
                let verdict = ValueComparator.compare("loss after jiggling sample 0", expected: r[0]["loss"] ?? .scalar(.nan),
                                                      got: r[1]["loss"], tolerance: tol)
                if verdict.problem == nil { return .pass([verdict.comparison]) }
                return .fail(.propertyViolated,
                             "sample 0 meets every margin by more than 1.5, so jiggling its scores by ±0.5 must not change the loss",
                             comparisons: [verdict.comparison],
                             misconception: "A satisfied margin contributes max(0, m) = 0, whatever its exact value: only violated margins count.")
            }
        case .meanOverSamples:
            try requireFamily(family, property, testCase)
            let inputs = generator.inputs(for: testCase)
            let doubled = inputs.mapValues { value -> Value in
                switch value {
                case .matrix(let m) where value != inputs["weights"]:
                    return .matrix(Matrix(rows: 2 * m.rows, columns: m.columns, elements: m.elements + m.elements))
                case .integers(let v): return .integers(v + v)
                default: return value
                }
            }
            return PropertyPlan(calls: [call(inputs), call(doubled)]) { r in
                let verdict = ValueComparator.compare("loss with every sample twice", expected: r[0]["loss"] ?? .scalar(.nan),
                                                      got: r[1]["loss"], tolerance: tol)
                if verdict.problem == nil { return .pass([verdict.comparison]) }
                var misconception: String?
                if case .scalar(let a)? = r[0]["loss"], case .scalar(let b)? = r[1]["loss"], a != 0,
                   Swift.abs(b / a - 2) < 1e-6 {
                    misconception = "The loss is a sum over samples, not a mean: it grows with N. Divide by N (the lecture's L = (1/N) Σ L_i)."
                }
                return .fail(.propertyViolated, "duplicating every sample must leave a mean loss unchanged",
                             comparisons: [verdict.comparison], misconception: misconception)
            }
        case .excludesCorrectClass:
            try requireFamily(family, property, testCase)
            let inputs: Values = ["scores": .matrix(Matrix(rows: 2, columns: 4, repeating: 0.7)), "labels": .integers([1, 3])]
            let expected = try referenceOutputs(call(inputs), for: testCase)
            return PropertyPlan(calls: [call(inputs)]) { r in
                let verdict = ValueComparator.compare("loss with all scores equal", expected: expected["loss"]!, got: r[0]["loss"], tolerance: tol)
                if verdict.problem == nil { return .pass([verdict.comparison]) }
                var misconception: String?
                if case .scalar(let got)? = r[0]["loss"], case .scalar(let want) = expected["loss"]!,
                   [h.margin, h.margin * h.margin].contains(where: { Swift.abs(got - want - $0) < 1e-9 }) {
                    misconception = "The sum includes j = y_i, which adds exactly Δ per sample: sum over j ≠ y_i only."
                }
                return .fail(.propertyViolated, "with all scores equal every wrong class has margin Δ, so the loss must be (C − 1) terms of Δ, not C",
                             comparisons: [verdict.comparison], misconception: misconception)
            }
        case .scaledWeightsStayZero:
            try requireFamily(family, property, testCase)
            let x = InputGenerator.normalMatrix(rows: 6, columns: 3, using: &rng)
            var w = InputGenerator.normalMatrix(rows: 3, columns: 4, using: &rng)
            let s = x.dot(w)
            let labels = s.argmaxRows()
            let gap = (0..<s.rows).map { i in
                s[i, labels[i]] - s[row: i].enumerated().filter { $0.offset != labels[i] }.map(\.element).max()!
            }.min()!
            w = w * ((h.margin * 1.5) / Swift.max(gap, 1e-3))
            var unregularized = h
            unregularized.regularization = 0
            let calls: [Invocation]
            let what: String
            if family == .linearObjective {
                what = "W"
                calls = [call(["weights": .matrix(w), "inputs": .matrix(x), "labels": .integers(labels)], unregularized),
                         call(["weights": .matrix(w * 2), "inputs": .matrix(x), "labels": .integers(labels)], unregularized)]
            } else {
                what = "S = XW"
                let scores = x.dot(w)
                calls = [call(["scores": .matrix(scores), "labels": .integers(labels)]),
                         call(["scores": .matrix(scores * 2), "labels": .integers(labels)])]
            }
            return PropertyPlan(calls: calls) { r in
                let verdicts = [
                    ValueComparator.compare("loss at \(what) (all margins met)", expected: .scalar(0), got: r[0]["loss"], tolerance: tol),
                    ValueComparator.compare("loss at 2×(\(what))", expected: .scalar(0), got: r[1]["loss"], tolerance: tol),
                ]
                var evaluation = CaseEvaluation.from(verdicts)
                if !evaluation.passed {
                    evaluation.problem = .propertyViolated
                    evaluation.reason = "every margin is met by at least 1.5Δ, so the SVM data loss is 0, and doubling only widens the margins: " + (evaluation.reason ?? "")
                }
                return evaluation
            }
        case .softmaxNeverZero:
            try requireFamily(family, property, testCase)
            let inputs: Values = ["scores": .matrix(Matrix([[10, -2, 3]])), "labels": .integers([0])]
            return PropertyPlan(calls: [call(inputs)]) { r in
                guard case .scalar(let loss)? = r[0]["loss"], case .matrix(let g)? = r[0]["gradient"], g.count == 3 else {
                    return .fail(.missingResult, "no loss and 1×3 gradient were returned")
                }
                let comparison = Comparison(quantity: "loss of [10, -2, 3], label 0", expected: "> 0, and ∂L/∂s₀ < 0",
                                            got: "\(ValueComparator.formatNumber(loss)), ∂L/∂s₀ = \(ValueComparator.formatNumber(g[0, 0]))",
                                            relativeError: nil, tolerance: "strict", passed: loss > 0 && g[0, 0] < 0)
                if comparison.passed { return .pass([comparison]) }
                return .fail(.propertyViolated, "softmax never reaches exactly 0: its loss stays positive and its gradient keeps pushing the correct class up",
                             comparisons: [comparison])
            }
        case .squaredHingeIsNotScaledHinge:
            try requireFamily(family, property, testCase)
            let d = h.margin
            let a: Values = ["scores": .matrix(Matrix([[0, 2 - d]])), "labels": .integers([0])]
            let b: Values = ["scores": .matrix(Matrix([[0, 0.5 - d]])), "labels": .integers([0])]
            return PropertyPlan(calls: [call(a), call(b)]) { r in
                let verdicts = [
                    ValueComparator.compare("loss with one margin of 2", expected: .scalar(4), got: r[0]["loss"], tolerance: tol),
                    ValueComparator.compare("loss with one margin of 0.5", expected: .scalar(0.25), got: r[1]["loss"], tolerance: tol),
                ]
                var evaluation = CaseEvaluation.from(verdicts)
                if !evaluation.passed {
                    evaluation.problem = .propertyViolated
                    evaluation.misconception = "Squared hinge squares each margin, max(0, m)²: it is a different loss from hinge, not hinge times a constant."
                }
                return evaluation
            }
        case .uniformScoresGiveLogC:
            try requireFamily(family, property, testCase)
            let inputs: Values = ["scores": .matrix(Matrix(rows: 2, columns: 5, repeating: 3.7)), "labels": .integers([0, 4])]
            return PropertyPlan(calls: [call(inputs)]) { r in
                let verdict = ValueComparator.compare("loss with 5 equal scores", expected: .scalar(Foundation.log(5.0)), got: r[0]["loss"], tolerance: tol)
                if verdict.problem == nil { return .pass([verdict.comparison]) }
                return .fail(.propertyViolated, "with all C scores equal every class has probability 1/C, so the loss is log C = log 5",
                             comparisons: [verdict.comparison])
            }
        case .numericallyStable:
            let inputs = generator.inputs(for: testCase)
            let expected = try referenceOutputs(call(inputs), for: testCase)
            return PropertyPlan(calls: [call(inputs)]) { r in
                var evaluation = CaseEvaluation.from(expected.keys.sorted(by: outputOrder).map {
                    ValueComparator.compare($0, expected: expected[$0]!, got: r[0][$0], tolerance: tol, isGradient: $0.hasPrefix("gradient"))
                })
                if evaluation.problem == .nonFinite {
                    evaluation.misconception = "exp of a large score overflows to infinity. Shift each row by its maximum first: softmax(s) = softmax(s − max s)."
                }
                return evaluation
            }
        case .regularizerPreference:
            try requireFamily(family, property, testCase)
            let w1: Values = ["weights": .matrix(Matrix([[1, 0, 0, 0]]))]
            let w2: Values = ["weights": .matrix(Matrix([[0.25, 0.25, 0.25, 0.25]]))]
            let e1 = try referenceOutputs(call(w1), for: testCase), e2 = try referenceOutputs(call(w2), for: testCase)
            return PropertyPlan(calls: [call(w1), call(w2)]) { r in
                var evaluation = CaseEvaluation.from([
                    ValueComparator.compare("R(w1), w1 = [1, 0, 0, 0]", expected: e1["loss"]!, got: r[0]["loss"], tolerance: tol),
                    ValueComparator.compare("R(w2), w2 = [.25, .25, .25, .25]", expected: e2["loss"]!, got: r[1]["loss"], tolerance: tol),
                ])
                if !evaluation.passed {
                    evaluation.problem = .propertyViolated
                    evaluation.misconception = "w1·x = w2·x = 1 for x = [1, 1, 1, 1]: the penalty alone decides. L2 (Σ W²) prefers the spread-out w2 (0.25 < 1); L1 (Σ |W|) gives both 1."
                }
                return evaluation
            }
        case .learningRateTooLargeDiverges:
            try requireFamily(family, property, testCase)
            let function = TestFunction.named("ill-conditioned-bowl")!
            let start = Matrix(rows: 1, columns: 5, repeating: 1)
            var large = h, small = h
            large.learningRate = 0.5
            small.learningRate = 0.01
            let inputs: Values = ["parameters": .matrix(start), "objective": .text(function.name), "steps": .integers([20])]
            return PropertyPlan(calls: [call(inputs, large), call(inputs, small)]) { r in
                guard case .matrices(let big)? = r[0]["trajectory"], case .matrices(let little)? = r[1]["trajectory"],
                      let bigEnd = big.last, let littleEnd = little.last else {
                    return .fail(.missingResult, "no trajectories were returned")
                }
                let f0 = function.value(start), fBig = function.value(bigEnd), fSmall = function.value(littleEnd)
                let comparison = Comparison(
                    quantity: "f after 20 steps from f = \(ValueComparator.formatNumber(f0)) (α = 0.5, α = 0.01)",
                    expected: "α = 0.5: above \(ValueComparator.formatNumber(f0)); α = 0.01: below",
                    got: "\(ValueComparator.formatNumber(fBig)); \(ValueComparator.formatNumber(fSmall))",
                    relativeError: nil, tolerance: "strict", passed: fBig > f0 && fSmall < f0)
                if comparison.passed { return .pass([comparison]) }
                return .fail(.propertyViolated,
                             "on a bowl with curvature up to 10, a learning rate of 0.5 overshoots and the loss must grow, while 0.01 must make it shrink",
                             comparisons: [comparison])
            }
        }
    }
}
