import AssignmentFormat
import ComponentRuntime
import GradeKit
import GradeResults

extension CaseRunner {
    /// Trains with the student's trainer (and the student's objective) on a seeded dataset of
    /// Gaussian blobs, then measures the training accuracy here, in the grader.
    func checkConvergence(_ testCase: TestCase) throws(CaseError) -> CaseOutcome {
        let family = try family(of: testCase)
        guard let spec = testCase.convergence else {
            throw CaseError(caseName: testCase.name, location: testCase.location, message: "a convergence case needs 'convergence'")
        }
        var rng = SeededGenerator(seed: generator.seed(for: testCase))
        let data = InputGenerator.blobs(samples: spec.samples, features: spec.features, classes: spec.classes,
                                        separation: spec.separation, using: &rng)
        let initial = InputGenerator.normalMatrix(rows: data.inputs.columns, columns: spec.classes, scale: 1e-3, using: &rng)
        let inputs: Values = [
            "weights": .matrix(initial), "inputs": .matrix(data.inputs), "labels": .integers(data.labels),
            "seed": .integers([Int(truncatingIfNeeded: rng.next() >> 1)]), "objective": .text(spec.objective),
        ]
        switch run([invocation(testCase, family: family, inputs: inputs)], for: testCase) {
        case .ended(let status, let problem, let reason, let output):
            return CaseOutcome(status: status, evaluation: .fail(problem, reason), output: output)
        case .outputs(let results, let output):
            guard case .matrix(let w)? = results[0]["weights"], w.rows == initial.rows, w.columns == initial.columns,
                  case .series(let history)? = results[0]["lossHistory"] else {
                let got = ["weights", "lossHistory"].map { "\($0): \(results[0][$0]?.shapeDescription ?? "nothing")" }
                return CaseOutcome(status: .failed, evaluation: .fail(.wrongShape,
                    "train must return weights of shape \(initial.rows)×\(initial.columns) and the loss of every iteration, got \(got.joined(separator: ", "))"), output: output)
            }
            guard w.elements.allSatisfy(\.isFinite), history.allSatisfy(\.isFinite) else {
                return CaseOutcome(status: .failed, evaluation: .fail(.nonFinite,
                    "the weights or the loss became infinite or NaN: the learning rate may be applied with the wrong sign or scale"), output: output)
            }
            let predictions = data.inputs.dot(w).argmaxRows()
            let accuracy = Double(zip(predictions, data.labels).filter { $0 == $1 }.count) / Double(data.labels.count)
            let first = history.first ?? .nan, last = history.last ?? .nan
            let comparison = Comparison(
                quantity: "training accuracy after \(testCase.hyperparameters.iterations) iterations (loss \(ValueComparator.formatNumber(first)) → \(ValueComparator.formatNumber(last)))",
                expected: "≥ \(ValueComparator.formatNumber(spec.minimumAccuracy))", got: ValueComparator.formatNumber(accuracy),
                relativeError: nil, tolerance: "minimum", passed: accuracy >= spec.minimumAccuracy)
            if history.count != testCase.hyperparameters.iterations {
                return CaseOutcome(status: .failed, evaluation: .fail(.wrongShape,
                    "the loss history has \(history.count) entries, one per iteration means \(testCase.hyperparameters.iterations)",
                    comparisons: [comparison]), output: output)
            }
            if comparison.passed { return CaseOutcome(status: .passed, evaluation: .pass([comparison]), output: output) }
            return CaseOutcome(status: .failed, evaluation: .fail(.didNotConverge,
                "the classifier reached \(ValueComparator.formatNumber(accuracy)) training accuracy; a working minibatch SGD reaches \(ValueComparator.formatNumber(spec.minimumAccuracy))",
                comparisons: [comparison],
                misconception: last >= first ? "The loss did not go down: check that each step moves W against the gradient, W ← W − α·g, and that every batch uses sampler.nextBatch." : nil),
                output: output)
        }
    }
}
