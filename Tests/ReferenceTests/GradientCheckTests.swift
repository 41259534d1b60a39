import ComponentRuntime
import GradeKit
import Reference
import Testing
import TestSupport

/// Every analytic gradient of the reference against centered differences (h = 1e-5) at
/// seeded random points away from kinks: the largest entrywise relative error is ≤ 1e-7.
@Suite("Gradient checks")
struct GradientCheckTests {
    /// Shapes (N, C) of the score matrices, including a single sample and two classes.
    static let shapes: [(Int, Int)] = [(1, 2), (1, 5), (3, 2), (5, 4), (8, 10)]
    static let seeds: [UInt64] = [1, 2, 3]

    /// Scores and labels whose hinge margins `s_j − s_{y_i} + Δ` are all at least 1e-3 from 0.
    static func scoresAwayFromKinks(_ n: Int, _ c: Int, seed: UInt64, margin: Double = 1) -> (Matrix, [Int]) {
        var generator = SeededGenerator(seed: seed)
        while true {
            let s = generator.matrix(n, c, in: -2...2), y = generator.labels(n, classes: c)
            let clear = (0..<n).allSatisfy { i in
                (0..<c).allSatisfy { j in j == y[i] || Swift.abs(s[i, j] - s[i, y[i]] + margin) > 1e-3 }
            }
            if clear { return (s, y) }
        }
    }

    static func checkScoreLoss(_ loss: some ScoreLoss, n: Int, c: Int, seed: UInt64) {
        let (s, y) = scoresAwayFromKinks(n, c, seed: seed)
        let analytic = loss.lossAndGradient(scores: s, labels: y).gradient
        let numeric = centeredDifference(of: { loss.lossAndGradient(scores: $0, labels: y).loss }, at: s)
        expectGradientsAgree(analytic: analytic, numeric: numeric, "N=\(n) C=\(c) seed \(seed)")
    }

    @Test(arguments: shapes, seeds)
    func multiclassSVMGradientMatchesCenteredDifferences(shape: (Int, Int), seed: UInt64) {
        Self.checkScoreLoss(MulticlassSVMLoss(), n: shape.0, c: shape.1, seed: seed)
    }

    @Test(arguments: shapes, seeds)
    func squaredHingeGradientMatchesCenteredDifferences(shape: (Int, Int), seed: UInt64) {
        Self.checkScoreLoss(SquaredHingeLoss(), n: shape.0, c: shape.1, seed: seed)
    }

    @Test(arguments: shapes, seeds)
    func softmaxGradientMatchesCenteredDifferences(shape: (Int, Int), seed: UInt64) {
        Self.checkScoreLoss(SoftmaxLoss(), n: shape.0, c: shape.1, seed: seed)
    }

    @Test(arguments: [1, 4, 16], seeds)
    func binaryCrossEntropyGradientMatchesCenteredDifferences(n: Int, seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let z = generator.matrix(n, 1, in: -6...6), y = generator.labels(n, classes: 2)
        let loss = BinaryCrossEntropyLoss()
        let numeric = centeredDifference(of: { loss.lossAndGradient(scores: $0, labels: y).loss }, at: z)
        expectGradientsAgree(analytic: loss.lossAndGradient(scores: z, labels: y).gradient, numeric: numeric)
    }

    @Test(arguments: [(1, 1), (4, 3), (10, 2)], seeds)
    func regressionGradientsMatchCenteredDifferences(shape: (Int, Int), seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let targets = generator.matrix(shape.0, shape.1)
        // Residuals of at least 0.01 in size keep L1 away from its kink.
        let residuals = generator.matrix(shape.0, shape.1, in: 0.01...1) * sign(generator.matrix(shape.0, shape.1))
        let predictions = targets + residuals
        let losses: [any RegressionLoss] = [L2Loss(), L1Loss()]
        for loss in losses {
            let numeric = centeredDifference(of: { loss.lossAndGradient(predictions: $0, targets: targets).loss }, at: predictions)
            expectGradientsAgree(analytic: loss.lossAndGradient(predictions: predictions, targets: targets).gradient,
                                 numeric: numeric, "\(type(of: loss))")
        }
    }

    @Test(arguments: [(1, 2), (6, 3), (10, 8)], seeds)
    func contrastiveGradientsMatchCenteredDifferences(shape: (Int, Int), seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let loss = ContrastiveLoss()
        var first: Matrix, second: Matrix
        // Distances at least 1e-2 from 0 and from the margin.
        repeat {
            first = generator.matrix(shape.0, shape.1)
            second = generator.matrix(shape.0, shape.1)
        } while (0..<shape.0).contains { i in
            let d = Swift.zip(first[row: i], second[row: i]).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
            return d < 1e-2 || Swift.abs(d - loss.margin) < 1e-2
        }
        let similar = generator.labels(shape.0, classes: 2)
        let r = loss.lossAndGradients(first: first, second: second, similar: similar)
        expectGradientsAgree(analytic: r.gradientFirst, numeric: centeredDifference(
            of: { loss.lossAndGradients(first: $0, second: second, similar: similar).loss }, at: first))
        expectGradientsAgree(analytic: r.gradientSecond, numeric: centeredDifference(
            of: { loss.lossAndGradients(first: first, second: $0, similar: similar).loss }, at: second))
    }

    static func distance(_ u: [Double], _ v: [Double]) -> Double {
        Swift.zip(u, v).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
    }

    @Test(arguments: [(1, 2), (6, 3), (10, 8)], seeds)
    func tripletGradientsMatchCenteredDifferences(shape: (Int, Int), seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let loss = TripletMarginLoss()
        var a: Matrix, p: Matrix, n: Matrix
        // Hinges at least 1e-2 from 0, so each triplet is clearly active or clearly inactive, and one active.
        repeat {
            a = generator.matrix(shape.0, shape.1)
            p = generator.matrix(shape.0, shape.1)
            n = generator.matrix(shape.0, shape.1, in: -2...2)
            let hinges = (0..<shape.0).map { i in
                loss.margin + Self.distance(a[row: i], p[row: i]) - Self.distance(a[row: i], n[row: i])
            }
            if hinges.allSatisfy({ Swift.abs($0) >= 1e-2 }) && hinges.contains(where: { $0 > 0 }) { break }
        } while true
        let r = loss.lossAndGradients(anchors: a, positives: p, negatives: n)
        #expect(r.loss > 0)
        expectGradientsAgree(analytic: r.gradientAnchors, numeric: centeredDifference(
            of: { loss.lossAndGradients(anchors: $0, positives: p, negatives: n).loss }, at: a))
        expectGradientsAgree(analytic: r.gradientPositives, numeric: centeredDifference(
            of: { loss.lossAndGradients(anchors: a, positives: $0, negatives: n).loss }, at: p))
        expectGradientsAgree(analytic: r.gradientNegatives, numeric: centeredDifference(
            of: { loss.lossAndGradients(anchors: a, positives: p, negatives: $0).loss }, at: n))
    }

    @Test(arguments: shapes, [1.0, 4.0])
    func distillationGradientMatchesCenteredDifferences(shape: (Int, Int), temperature: Double) {
        var generator = SeededGenerator(seed: UInt64(shape.0 * 100 + shape.1))
        let z = generator.matrix(shape.0, shape.1, in: -3...3), t = generator.matrix(shape.0, shape.1, in: -3...3)
        let y = generator.labels(shape.0, classes: shape.1)
        let loss = KnowledgeDistillationLoss(hyperparameters: Hyperparameters(temperature: temperature, alpha: 0.3))
        let numeric = centeredDifference(of: { loss.lossAndGradient(studentLogits: $0, teacherLogits: t, labels: y).loss }, at: z)
        expectGradientsAgree(analytic: loss.lossAndGradient(studentLogits: z, teacherLogits: t, labels: y).gradient, numeric: numeric)
    }

    @Test(arguments: [(1, 1), (3, 4), (7, 2)], seeds)
    func regularizerGradientsMatchCenteredDifferences(shape: (Int, Int), seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        // Entries at least 0.01 in size keep L1 and elastic net away from their kink at 0.
        let w = generator.matrix(shape.0, shape.1, in: 0.01...2) * sign(generator.matrix(shape.0, shape.1))
        let regularizers: [any Regularizer] = [
            L2Regularization(), L1Regularization(), ElasticNetRegularization(hyperparameters: Hyperparameters(beta: 0.7)),
        ]
        for regularizer in regularizers {
            let numeric = centeredDifference(of: { regularizer.penaltyAndGradient(weights: $0).loss }, at: w)
            expectGradientsAgree(analytic: regularizer.penaltyAndGradient(weights: w).gradient, numeric: numeric,
                                 "\(type(of: regularizer))")
        }
    }

    /// Data `X` (N×D), weights `W` (D×C) and labels whose SVM margins are at least 1e-3 from 0.
    static func linearProblem(n: Int, d: Int, c: Int, seed: UInt64) -> (Matrix, Matrix, [Int]) {
        var generator = SeededGenerator(seed: seed)
        while true {
            let x = generator.matrix(n, d), w = generator.matrix(d, c), y = generator.labels(n, classes: c)
            let s = x.dot(w)
            let clear = (0..<n).allSatisfy { i in (0..<c).allSatisfy { j in j == y[i] || Swift.abs(s[i, j] - s[i, y[i]] + 1) > 1e-3 } }
            if clear { return (x, w, y) }
        }
    }

    @Test(arguments: [(1, 3, 2), (5, 4, 3), (20, 6, 5)], [0.0, 0.1])
    func linearObjectiveGradientsMatchCenteredDifferences(shape: (Int, Int, Int), regularization: Double) {
        let (x, w, y) = Self.linearProblem(n: shape.0, d: shape.1, c: shape.2, seed: UInt64(shape.0))
        let h = Hyperparameters(regularization: regularization)
        let objectives: [any LinearClassifierObjective] = [LinearSVMObjective(hyperparameters: h), LinearSoftmaxObjective(hyperparameters: h)]
        for objective in objectives {
            let numeric = centeredDifference(of: { objective.lossAndGradient(weights: $0, inputs: x, labels: y).loss }, at: w)
            expectGradientsAgree(analytic: objective.lossAndGradient(weights: w, inputs: x, labels: y).gradient, numeric: numeric,
                                 "\(type(of: objective))")
        }
    }

    @Test(arguments: TestFunction.all.map(\.name))
    func numericalGradientMatchesTheExactGradientOfEveryTestFunction(name: String) {
        let function = TestFunction.named(name)!
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<5 {
            let x = generator.matrix(1, function.requiredCount ?? 6, in: -1.5...1.5)
            let estimate = CenteredDifferenceGradient().gradient(of: function.value, at: x)
            // A floor of 1e-6 on the scale: a true zero is estimated to within rounding, ~1e-11.
            expectGradientsAgree(analytic: function.gradient(x), numeric: estimate, floor: 1e-6, "\(name) at \(x)")
        }
    }

    @Test func numericalGradientUsesTheStepOfTheHyperparameters() {
        // For f(x) = x³ the centered difference is 3x² + h² exactly: the step shows in the result.
        let cube: (Matrix) -> Double = { $0.elements[0] * $0.elements[0] * $0.elements[0] }
        let estimate = CenteredDifferenceGradient(hyperparameters: Hyperparameters(step: 0.1)).gradient(of: cube, at: [[2]])
        expectClose(estimate[0, 0], 12 + 0.01, rtol: 1e-12)
    }
}
