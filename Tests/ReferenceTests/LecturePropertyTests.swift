import Foundation
import GradeKit
import Reference
import Testing
import TestSupport

/// The properties of the losses that the lectures ask about (BRIEF §10).
@Suite("Lecture properties")
struct LecturePropertyTests {
    @Test func svmLossIsUnchangedByJigglingScoresWhoseMarginsAreAllMet() {
        // The car image: every margin is met by at least 1.9.
        let base = MulticlassSVMLoss().lossAndGradient(scores: [[1.3, 4.9, 2.0]], labels: [1])
        var generator = SeededGenerator(seed: 10)
        for _ in 0..<20 {
            let jiggled = Matrix(row: [1.3, 4.9, 2.0]) + generator.matrix(1, 3, in: -0.5...0.5)
            let r = MulticlassSVMLoss().lossAndGradient(scores: jiggled, labels: [1])
            #expect(r.loss == base.loss)
            #expect(r.loss == 0)
            #expect(r.gradient == Matrix.zeros(1, 3))
        }
    }

    @Test func svmLossIsAtLeastZeroAndGrowsWithoutBound() {
        var generator = SeededGenerator(seed: 11)
        for _ in 0..<20 {
            let s = generator.matrix(4, 5, in: -10...10)
            #expect(MulticlassSVMLoss().lossAndGradient(scores: s, labels: generator.labels(4, classes: 5)).loss >= 0)
        }
        let losses = [1.0, 1e3, 1e6].map { wrong in
            MulticlassSVMLoss().lossAndGradient(scores: Matrix(row: [0, wrong]), labels: [0]).loss
        }
        #expect(losses == [2, 1001, 1_000_001])
    }

    @Test func summingOverAllClassesIncludingTheCorrectOneAddsExactlyTheMarginPerSample() {
        var generator = SeededGenerator(seed: 12)
        for margin in [1.0, 2.5] {
            let s = generator.matrix(6, 4, in: -2...2), y = generator.labels(6, classes: 4)
            let loss = MulticlassSVMLoss(hyperparameters: Hyperparameters(margin: margin)).lossAndGradient(scores: s, labels: y).loss
            // The classic bug: np.maximum(0, S − S[range(N), y] + Δ).sum() / N, without zeroing j = y_i.
            let buggy = maximum(s - s.picking(y) + margin, 0).sum() / 6
            expectClose(buggy, loss + margin, rtol: 1e-12)
        }
    }

    @Test func summingInsteadOfAveragingOverSamplesRescalesTheLossByN() {
        var generator = SeededGenerator(seed: 13)
        let s = generator.matrix(7, 3, in: -2...2), y = generator.labels(7, classes: 3)
        let losses: [any ScoreLoss] = [MulticlassSVMLoss(), SquaredHingeLoss(), SoftmaxLoss()]
        for loss in losses {
            let mean = loss.lossAndGradient(scores: s, labels: y).loss
            let sum = (0..<7).reduce(0.0) { $0 + loss.lossAndGradient(scores: Matrix(row: s[row: $1]), labels: [y[$1]]).loss }
            expectClose(sum, 7 * mean, rtol: 1e-12, "\(type(of: loss))")
        }
    }

    @Test func doublingWeightsWithZeroSVMLossKeepsItZeroAndOnlyRegularizationPrefersTheSmallerOnes() {
        // Two separable points; W scores each correct class 2 above the other.
        let x: Matrix = [[1, 0], [0, 1]], y = [0, 1]
        let w: Matrix = [[2, 0], [0, 2]]
        let unregularized = LinearSVMObjective()
        #expect(unregularized.lossAndGradient(weights: w, inputs: x, labels: y).loss == 0)
        #expect(unregularized.lossAndGradient(weights: 2 * w, inputs: x, labels: y).loss == 0)
        let regularized = LinearSVMObjective(hyperparameters: Hyperparameters(regularization: 0.1))
        let small = regularized.lossAndGradient(weights: w, inputs: x, labels: y).loss
        let large = regularized.lossAndGradient(weights: 2 * w, inputs: x, labels: y).loss
        expectClose(small, 0.8, rtol: 1e-12)
        expectClose(large, 3.2, rtol: 1e-12)
    }

    @Test func softmaxNeverReachesZeroAndKeepsPushingTheCorrectClassWhereSVMStops() {
        for row in [[10.0, -2, 3], [10, 9, 8.5], [30, -30, 0]] {
            let softmax = SoftmaxLoss().lossAndGradient(scores: Matrix(row: row), labels: [0])
            let svm = MulticlassSVMLoss().lossAndGradient(scores: Matrix(row: row), labels: [0])
            #expect(softmax.loss > 0)
            #expect(softmax.gradient[0, 0] < 0)
            #expect(svm.loss == 0)
            #expect(svm.gradient == Matrix.zeros(1, 3))
        }
    }

    @Test func squaredHingeIsADifferentLossNotARescalingOfTheHinge() {
        let small: Matrix = [[0, 0.5]], large: Matrix = [[0, 3]]
        let hingeSmall = MulticlassSVMLoss().lossAndGradient(scores: small, labels: [0]).loss
        let hingeLarge = MulticlassSVMLoss().lossAndGradient(scores: large, labels: [0]).loss
        let squaredSmall = SquaredHingeLoss().lossAndGradient(scores: small, labels: [0]).loss
        let squaredLarge = SquaredHingeLoss().lossAndGradient(scores: large, labels: [0]).loss
        #expect([hingeSmall, hingeLarge, squaredSmall, squaredLarge] == [1.5, 4, 2.25, 16])
        // A rescaling would keep the ratio of the two losses.
        #expect(squaredLarge / squaredSmall != hingeLarge / hingeSmall)
    }

    @Test func l1DescentDrivesWeightsToExactlyZeroWhileL2OnlyShrinksThem() {
        // Steps of a power of two keep every iterate exact.
        var l1Weights: Matrix = [[0.5, -0.25, 0.125]], l2Weights = l1Weights
        for _ in 0..<8 {
            l1Weights -= 0.125 * L1Regularization().penaltyAndGradient(weights: l1Weights).gradient
            l2Weights -= 0.125 * L2Regularization().penaltyAndGradient(weights: l2Weights).gradient
        }
        #expect(l1Weights == Matrix.zeros(1, 3))
        #expect(l2Weights.elements.allSatisfy { $0 != 0 })
        expectClose(l2Weights, Matrix([[0.5, -0.25, 0.125]]) * pow(0.75, 8), rtol: 1e-12)
    }

    @Test func l2PrefersSpreadWeightsWhileL1IsIndifferent() {
        let concentrated: Matrix = [[1, 0, 0, 0]], spread: Matrix = [[0.25, 0.25, 0.25, 0.25]]
        let l2 = L2Regularization(), l1 = L1Regularization()
        #expect(l2.penaltyAndGradient(weights: spread).loss < l2.penaltyAndGradient(weights: concentrated).loss)
        #expect(l1.penaltyAndGradient(weights: spread).loss == l1.penaltyAndGradient(weights: concentrated).loss)
    }

    @Test func l2LossIsMoreSensitiveToAnOutlierThanL1Loss() {
        let targets: Matrix = [[0], [0], [0], [0]]
        let clean: Matrix = [[1], [1], [1], [1]], outlier: Matrix = [[1], [1], [1], [10]]
        let l1Ratio = L1Loss().lossAndGradient(predictions: outlier, targets: targets).loss
            / L1Loss().lossAndGradient(predictions: clean, targets: targets).loss
        let l2Ratio = L2Loss().lossAndGradient(predictions: outlier, targets: targets).loss
            / L2Loss().lossAndGradient(predictions: clean, targets: targets).loss
        #expect(l1Ratio == 3.25)
        #expect(l2Ratio == 25.75)
    }

    @Test func tripletLossSeparatesEasySemiHardAndHardNegatives() {
        let loss = TripletMarginLoss()
        func value(negative: Double) -> Double {
            loss.lossAndGradients(anchors: [[0, 0]], positives: [[1, 0]], negatives: [[0, negative]]).loss
        }
        #expect(value(negative: 2.5) == 0)          // easy: d(a, n) > d(a, p) + m
        #expect(value(negative: 1.5) == 0.5)        // semi-hard: d(a, p) < d(a, n) < d(a, p) + m
        #expect(value(negative: 0.5) == 1.5)        // hard: d(a, n) < d(a, p)
    }
}
