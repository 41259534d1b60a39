import AssignmentFormat
import ComponentRuntime
import GradeKit
import GradeResults

/// Trains with the student's trainer (and the student's objective) on a seeded dataset of
/// Gaussian blobs, then measures the training accuracy here, in the grader.
enum ConvergenceCheck {
    static func plan(_ context: CheckContext, spec: ConvergenceSpec) -> CheckPlan {
        let iterations = context.testCase.hyperparameters.iterations
        var rng = context.random()
        let data = InputGenerator.blobs(samples: spec.samples, features: spec.features, classes: spec.classes,
                                        separation: spec.separation, using: &rng)
        let initial = Matrix.normal(rows: data.inputs.columns, columns: spec.classes, scale: 1e-3, using: &rng)
        var inputs = Values()
        inputs[.weights] = initial
        inputs[.inputs] = data.inputs
        inputs[.labels] = data.labels
        inputs[.seed] = [Int(truncatingIfNeeded: rng.next() >> 1)]
        inputs[.objective] = spec.objective
        return CheckPlan([context.call(inputs)]) { results in
            guard let w = results[0][.weights], w.rows == initial.rows, w.columns == initial.columns,
                  let history = results[0][.lossHistory] else {
                let got = [Port<Matrix>.weights.name, Port<[Double]>.lossHistory.name]
                    .map { "\($0): \(results[0][$0]?.shapeDescription ?? "nothing")" }
                return .fail(.wrongShape,
                    "train must return weights of shape \(initial.rows)×\(initial.columns) and the loss of every iteration, got \(got.joined(separator: ", "))")
            }
            guard w.elements.allSatisfy(\.isFinite), history.allSatisfy(\.isFinite) else {
                return .fail(.nonFinite,
                    "the weights or the loss became infinite or NaN: the learning rate may be applied with the wrong sign or scale")
            }
            let predictions = data.inputs.dot(w).argmaxRows()
            let accuracy = Double(zip(predictions, data.labels).filter { $0 == $1 }.count) / Double(data.labels.count)
            let first = history.first ?? .nan, last = history.last ?? .nan
            let comparison = Comparison(
                quantity: "training accuracy after \(iterations) iterations (loss \(ReportNumber.value(first)) → \(ReportNumber.value(last)))",
                expected: "≥ \(ReportNumber.value(spec.minimumAccuracy))", got: ReportNumber.value(accuracy),
                relativeError: nil, tolerance: "minimum", passed: accuracy >= spec.minimumAccuracy)
            if history.count != iterations {
                return .fail(.wrongShape, "the loss history has \(history.count) entries, one per iteration means \(iterations)",
                             comparisons: [comparison])
            }
            if comparison.passed { return .pass([comparison]) }
            return .fail(.didNotConverge,
                "the classifier reached \(ReportNumber.value(accuracy)) training accuracy; a working minibatch SGD reaches \(ReportNumber.value(spec.minimumAccuracy))",
                comparisons: [comparison],
                misconception: last >= first ? "The loss did not go down: check that each step moves W against the gradient, W ← W − α·g, and that every batch uses sampler.nextBatch." : nil)
        }
    }
}
