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

    /// Why a check could not read an output it needs; carries the failure to report.
    private struct UnusableOutput: Error {
        var evaluation: CaseEvaluation
    }

    /// The finite scalar loss among `values`, which a property compares later losses against.
    private static func finiteLoss(_ values: Values) -> Result<Double, UnusableOutput> {
        guard case .scalar(let loss)? = values["loss"] else {
            return .failure(UnusableOutput(evaluation: .wrongOutput("loss", expected: "a scalar", got: values["loss"])))
        }
        guard loss.isFinite else {
            return .failure(UnusableOutput(evaluation: .fail(.nonFinite, "the loss is \(ValueComparator.formatNumber(loss))")))
        }
        return .success(loss)
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
        let given = generator.inputs(for: testCase)
        func precondition(_ holds: Bool, _ message: String) throws(CaseError) {
            if !holds { throw CaseError(caseName: testCase.name, location: testCase.location, message: message) }
        }
        let tol = testCase.tolerance
        func call(_ inputs: Values, _ hyper: Hyperparameters? = nil) -> Invocation {
            invocation(testCase, family: family, inputs: inputs, hyperparameters: hyper)
        }
        switch property {
        case .jiggleInvariance:
            try requireFamily(family, property, testCase)
            var s: Matrix
            var labels: [Int]
            if case .matrix(let scores)? = given["scores"], case .integers(let y)? = given["labels"] {
                s = scores
                labels = y
            } else {
                s = InputGenerator.normalMatrix(rows: 3, columns: 4, using: &rng)
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
            try precondition(!moved.isEmpty, "jiggle-invariance needs a sample whose margins all hold with room to spare (s_j < s_{y_i} − Δ for every j ≠ y_i)")
            let samples = moved.map(String.init).joined(separator: ", ")
            return PropertyPlan(calls: [call(["scores": .matrix(s), "labels": .integers(labels)]),
                                        call(["scores": .matrix(jiggled), "labels": .integers(labels)])]) { r in
                let before: Double
                switch Self.finiteLoss(r[0]) {
                case .success(let loss): before = loss
                case .failure(let failure): return failure.evaluation
                }
                let verdict = ValueComparator.compare("loss after jiggling sample \(samples)", expected: .scalar(before),
                                                      got: r[1]["loss"], tolerance: tol)
                if verdict.problem == nil { return .pass([verdict.comparison]) }
                return .fail(.propertyViolated,
                             "sample \(samples) meets every margin with room to spare, so jiggling its wrong-class scores within that room must not change the loss",
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
                let once: Double
                switch Self.finiteLoss(r[0]) {
                case .success(let loss): once = loss
                case .failure(let failure): return failure.evaluation
                }
                let verdict = ValueComparator.compare("loss with every sample twice", expected: .scalar(once),
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
            // With equal scores every wrong class contributes the same term f(Δ), so a loss over
            // C classes must be exactly C − 1 times the loss over 2 — the student's own numbers.
            var scores = Matrix(rows: 2, columns: 4, repeating: 0.7)
            var labels = [1, 3]
            if case .matrix(let givenScores)? = given["scores"], case .integers(let givenLabels)? = given["labels"] {
                try precondition(givenScores.columns > 2 && (0..<givenScores.rows).allSatisfy { i in
                    givenScores[row: i].allSatisfy { $0 == givenScores[i, 0] }
                }, "excludes-correct-class needs scores with more than 2 classes whose every row holds one value")
                scores = givenScores
                labels = givenLabels
            }
            let classes = scores.columns
            let twoClasses = Matrix(rows: scores.rows, columns: 2, elements: (0..<scores.rows).flatMap { [scores[$0, 0], scores[$0, 0]] })
            let many: Values = ["scores": .matrix(scores), "labels": .integers(labels)]
            let two: Values = ["scores": .matrix(twoClasses), "labels": .integers(labels.map { _ in 0 })]
            return PropertyPlan(calls: [call(many), call(two)]) { r in
                guard case .scalar(let lossMany)? = r[0]["loss"] else { return .wrongOutput("loss", expected: "a scalar", got: r[0]["loss"]) }
                guard case .scalar(let lossTwo)? = r[1]["loss"] else {
                    return .wrongOutput("loss with 2 classes", expected: "a scalar", got: r[1]["loss"])
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
        case .scaledWeightsStayZero:
            try requireFamily(family, property, testCase)
            // Given inputs are used as they are; otherwise W is scaled until every margin holds by 1.5Δ.
            var x = InputGenerator.normalMatrix(rows: 6, columns: 3, using: &rng)
            var w = InputGenerator.normalMatrix(rows: 3, columns: 4, using: &rng)
            var labels = x.dot(w).argmaxRows()
            var scores: Matrix
            if case .matrix(let gw)? = given["weights"], case .matrix(let gx)? = given["inputs"], case .integers(let gy)? = given["labels"] {
                (w, x, labels) = (gw, gx, gy)
                scores = x.dot(w)
            } else if case .matrix(let gs)? = given["scores"], case .integers(let gy)? = given["labels"] {
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
            try precondition(met, "scaled-weights-stay-zero needs inputs whose every margin is met (s_j − s_{y_i} + Δ ≤ 0), so that the SVM data loss is 0")
            var unregularized = h
            unregularized.regularization = 0
            let calls: [Invocation]
            let what: String
            if family == .linearObjective {
                what = "W"
                calls = [call(["weights": .matrix(w), "inputs": .matrix(x), "labels": .integers(labels)], unregularized),
                         call(["weights": .matrix(w * 2), "inputs": .matrix(x), "labels": .integers(labels)], unregularized)]
            } else {
                what = "S"
                calls = [call(["scores": .matrix(scores), "labels": .integers(labels)]),
                         call(["scores": .matrix(scores * 2), "labels": .integers(labels)])]
            }
            return PropertyPlan(calls: calls) { r in
                let verdicts = [
                    ValueComparator.compare("loss at \(what) (all margins met)", expected: .scalar(0), got: r[0]["loss"], tolerance: tol),
                    ValueComparator.compare("loss at 2\(what)", expected: .scalar(0), got: r[1]["loss"], tolerance: tol),
                ]
                var evaluation = CaseEvaluation.from(verdicts)
                if !evaluation.passed {
                    evaluation.problem = .propertyViolated
                    evaluation.reason = "every margin is met, so the SVM data loss is 0, and doubling only widens the margins: " + (evaluation.reason ?? "")
                }
                return evaluation
            }
        case .softmaxNeverZero:
            try requireFamily(family, property, testCase)
            var inputs: Values = ["scores": .matrix(Matrix([[10, -2, 3]])), "labels": .integers([0])]
            if given["scores"] != nil, given["labels"] != nil { inputs = given }
            guard case .integers(let labels)? = inputs["labels"], case .matrix(let scores)? = inputs["scores"] else {
                throw CaseError(caseName: testCase.name, location: testCase.location, message: "softmax-never-zero needs scores and labels")
            }
            try precondition(labels.count == scores.rows && labels.allSatisfy { (0..<scores.columns).contains($0) },
                             "softmax-never-zero needs one label per row of scores, each in 0..<\(scores.columns)")
            return PropertyPlan(calls: [call(inputs)]) { r in
                guard case .scalar(let loss)? = r[0]["loss"] else { return .wrongOutput("loss", expected: "a scalar", got: r[0]["loss"]) }
                guard case .matrix(let g)? = r[0]["gradient"], g.rows == scores.rows, g.columns == scores.columns else {
                    return .wrongOutput("gradient", expected: "a \(scores.rows)×\(scores.columns) matrix", got: r[0]["gradient"])
                }
                // An infinite loss is not "never zero", and −inf entries must not pass for pushes.
                guard loss.isFinite, g.elements.allSatisfy(\.isFinite) else {
                    return .fail(.nonFinite, "the loss is \(ValueComparator.formatNumber(loss)) and the gradient \(ValueComparator.format(.matrix(g))): both must be finite")
                }
                let pushes = labels.enumerated().map { g[$0.offset, $0.element] }
                let comparison = Comparison(quantity: "loss, and ∂L/∂s_{y_i} of each sample", expected: "> 0, and every ∂L/∂s_{y_i} < 0",
                                            got: "\(ValueComparator.formatNumber(loss)), \(ValueComparator.format(.series(pushes)))",
                                            relativeError: nil, tolerance: "strict", passed: loss > 0 && pushes.allSatisfy { $0 < 0 })
                if comparison.passed { return .pass([comparison]) }
                return .fail(.propertyViolated, "softmax never reaches exactly 0: its loss stays positive and its gradient keeps pushing every correct class up",
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
            var inputs: Values = ["scores": .matrix(Matrix(rows: 2, columns: 5, repeating: 3.7)), "labels": .integers([0, 4])]
            if given["scores"] != nil, given["labels"] != nil { inputs = given }
            guard case .matrix(let scores)? = inputs["scores"] else {
                throw CaseError(caseName: testCase.name, location: testCase.location, message: "uniform-scores-give-log-c needs scores")
            }
            try precondition((0..<scores.rows).allSatisfy { i in scores[row: i].allSatisfy { $0 == scores[i, 0] } },
                             "uniform-scores-give-log-c needs scores whose every row holds one value")
            let classes = scores.columns
            return PropertyPlan(calls: [call(inputs)]) { r in
                let verdict = ValueComparator.compare("loss with \(classes) equal scores", expected: .scalar(Foundation.log(Double(classes))),
                                                      got: r[0]["loss"], tolerance: tol)
                if verdict.problem == nil { return .pass([verdict.comparison]) }
                return .fail(.propertyViolated, "with all C scores equal every class has probability 1/C, so the loss is log C = log \(classes)",
                             comparisons: [verdict.comparison])
            }
        case .numericallyStable:
            try requireFamily(family, property, testCase)
            let inputs = generator.inputs(for: testCase)
            // Literal expected values (written by hand, or recorded for a student kit) stand in
            // for the reference.
            let expected: Values
            if case .literal(let values) = testCase.expected { expected = values } else {
                expected = try referenceOutputs(call(inputs), for: testCase)
            }
            return PropertyPlan(calls: [call(inputs)]) { r in
                var verdicts = expected.keys.sorted(by: outputOrder).map {
                    ValueComparator.compare($0, expected: expected[$0]!, got: r[0][$0], tolerance: tol, isGradient: $0.hasPrefix("gradient"))
                }
                for (name, value) in r[0].sorted(by: { outputOrder($0.key, $1.key) }) where expected[name] == nil {
                    if let bad = value.numbers.first(where: { !$0.isFinite }) {
                        verdicts.append(ValueComparator.Verdict(
                            comparison: Comparison(quantity: name, expected: "finite", got: ValueComparator.format(value),
                                                   relativeError: nil, tolerance: "finite", passed: false),
                            problem: .nonFinite, reason: "\(name) contains \(bad)"))
                    }
                }
                var evaluation = CaseEvaluation.from(verdicts)
                if evaluation.problem == .nonFinite {
                    evaluation.misconception = "exp of a large score overflows to infinity. Shift each row by its maximum first: softmax(s) = softmax(s − max s)."
                }
                return evaluation
            }
        case .regularizerPreference:
            try requireFamily(family, property, testCase)
            // The lecture's w1 = [1, 0, 0, 0] and w2 = [.25, .25, .25, .25] score the same on
            // x = [1, 1, 1, 1]; only the penalty tells them apart. A penalty is a sum over entries,
            // R(W) = Σ r(W_k), so R(w1) = r(1) + 3 r(0) and R(w2) = 4 r(0.25), with r read off the
            // student's own penalty of 1×1 weights.
            let w1: Values = ["weights": .matrix(Matrix([[1, 0, 0, 0]]))]
            let w2: Values = ["weights": .matrix(Matrix([[0.25, 0.25, 0.25, 0.25]]))]
            let entries = [1.0, 0, 0.25].map { ["weights": Value.matrix(Matrix([[$0]]))] }
            return PropertyPlan(calls: [call(w1), call(w2)] + entries.map { call($0) }) { r in
                if let wrong = r.first(where: { if case .scalar? = $0["loss"] { false } else { true } }) {
                    return .wrongOutput("the penalty", expected: "a scalar", got: wrong["loss"])
                }
                let losses = r.map { values -> Double in if case .scalar(let v)? = values["loss"] { v } else { .nan } }
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
                        got: "R(w1) = \(ValueComparator.formatNumber(losses[0])), R(w2) = \(ValueComparator.formatNumber(losses[1])): this penalty \(preference)",
                        relativeError: nil, tolerance: "—", passed: true))
                }
                return evaluation
            }
        case .learningRateTooLargeDiverges:
            try requireFamily(family, property, testCase)
            var inputs: Values = ["parameters": .matrix(Matrix(rows: 1, columns: 5, repeating: 1)),
                                  "objective": .text("ill-conditioned-bowl"), "steps": .integers([20])]
            if given["parameters"] != nil, given["objective"] != nil { inputs = given }
            guard case .matrix(let start)? = inputs["parameters"], case .text(let name)? = inputs["objective"],
                  let function = TestFunction.named(name), name == "ill-conditioned-bowl" else {
                throw CaseError(caseName: testCase.name, location: testCase.location,
                                message: "learning-rate-too-large-diverges runs on objective: ill-conditioned-bowl, whose curvature (1 to 10) sets which rates diverge")
            }
            var large = h, small = h
            large.learningRate = 0.5
            small.learningRate = 0.01
            return PropertyPlan(calls: [call(inputs, large), call(inputs, small)]) { r in
                let stepCount: Int? = if case .integers(let s)? = inputs["steps"], s.count == 1 { s[0] } else { nil }
                let steps = (stepCount.map { "\($0) matrices" } ?? "matrices") + " of \(start.rows)×\(start.columns)"
                func trajectory(_ values: Values) -> [Matrix]? {
                    guard case .matrices(let path)? = values["trajectory"], !path.isEmpty, stepCount.map({ $0 == path.count }) ?? true,
                          path.allSatisfy({ $0.rows == start.rows && $0.columns == start.columns }) else { return nil }
                    return path
                }
                guard let big = trajectory(r[0]) else { return .wrongOutput("trajectory with α = 0.5", expected: steps, got: r[0]["trajectory"]) }
                guard let little = trajectory(r[1]) else { return .wrongOutput("trajectory with α = 0.01", expected: steps, got: r[1]["trajectory"]) }
                // The large rate may legitimately overflow; the small one must stay finite.
                guard little.allSatisfy({ $0.elements.allSatisfy(\.isFinite) }) else {
                    return .fail(.nonFinite, "with α = 0.01 the trajectory holds an infinite or NaN parameter, but a small enough rate must converge")
                }
                let bigEnd = big[big.count - 1], littleEnd = little[little.count - 1]
                let f0 = function.value(start), fBig = function.value(bigEnd), fSmall = function.value(littleEnd)
                let comparison = Comparison(
                    quantity: "f after \(big.count) steps from f = \(ValueComparator.formatNumber(f0)) (α = 0.5, α = 0.01)",
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
