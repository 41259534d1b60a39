import ComponentRuntime
import Foundation
import GradeKit
import Reference
import Testing
import TestSupport

/// The worked examples of the lecture notes (BRIEF §9), with the errata applied.
@Suite("Worked examples")
struct WorkedExampleTests {
    /// The three images of the lecture, scores over (cat, car, frog) as rows.
    static let scores: Matrix = [[3.2, 5.1, -1.7], [1.3, 4.9, 2.0], [2.2, 2.5, -3.1]]
    static let labels = [0, 1, 2]

    static func svm(_ row: [Double], _ label: Int) -> Double {
        MulticlassSVMLoss().lossAndGradient(scores: Matrix(row: row), labels: [label]).loss
    }

    static func softmax(_ row: [Double], _ label: Int) -> Double {
        SoftmaxLoss().lossAndGradient(scores: Matrix(row: row), labels: [label]).loss
    }

    @Test func svmLossOfTheCatImageIs2Point9() {
        expectClose(Self.svm(Self.scores[row: 0], 0), 2.9, rtol: 1e-12)
    }

    @Test func svmLossOfTheCarImageIs0() {
        #expect(Self.svm(Self.scores[row: 1], 1) == 0)
    }

    @Test func svmLossOfTheFrogImageIs12Point9() {
        expectClose(Self.svm(Self.scores[row: 2], 2), 12.9, rtol: 1e-12)
    }

    @Test func svmMeanLossOfTheThreeImagesIs15Point8Over3() {
        let loss = MulticlassSVMLoss().lossAndGradient(scores: Self.scores, labels: Self.labels).loss
        expectClose(loss, 15.8 / 3, rtol: 1e-12)
        expectClose(loss, 5.2667, rtol: 0, atol: 5e-5)
    }

    @Test func softmaxLossOfTheCatImageIs2Point04InNaturalLog() {
        let loss = Self.softmax(Self.scores[row: 0], 0)
        expectClose(loss, 2.04, rtol: 0, atol: 5e-3)
        let pCat = exp(3.2) / (exp(3.2) + exp(5.1) + exp(-1.7))
        expectClose(pCat, 0.13, rtol: 0, atol: 5e-3)
        expectClose(loss, -log(pCat), rtol: 1e-12)
    }

    @Test func softmaxLossOfTheCatImageIs0Point89InBase10Units() {
        let loss = Self.softmax(Self.scores[row: 0], 0)
        expectClose(loss / log(10), 0.89, rtol: 0, atol: 5e-3)
    }

    @Test func crossEntropyOfTheGivenSoftmaxOutputIs0Point9697() {
        // Scores whose softmax is exactly [0.3792, 0.3104, 0.3104]: their logs.
        let row = [log(0.3792), log(0.3104), log(0.3104)]
        expectClose(Self.softmax(row, 0), 0.9697, rtol: 0, atol: 5e-5)
    }

    @Test(arguments: [[10.0, -2, 3], [10, 9, 9], [10, -100, -100]])
    func svmLossIsZeroWhenTheCorrectClassWinsByTheMargin(row: [Double]) {
        #expect(Self.svm(row, 0) == 0)
    }

    @Test func softmaxLossOfTheThreeConfidentRowsIsSmallButPositive() {
        expectClose(Self.softmax([10, -2, 3], 0), 0.00092, rtol: 0, atol: 5e-6)
        expectClose(Self.softmax([10, 9, 9], 0), 0.5514, rtol: 0, atol: 5e-5)
        let last = Self.softmax([10, -100, -100], 0)
        #expect(last >= 0 && last < 1e-40)
    }

    @Test(arguments: [2, 3, 10, 100])
    func svmLossIsCMinus1WhenAllScoresAreNearZero(classes: Int) {
        var generator = SeededGenerator(seed: UInt64(classes))
        let scores = generator.matrix(4, classes, in: -1e-6...1e-6)
        let loss = MulticlassSVMLoss().lossAndGradient(scores: scores, labels: generator.labels(4, classes: classes)).loss
        expectClose(loss, Double(classes - 1), rtol: 1e-4)
    }

    @Test(arguments: [2, 3, 10, 100])
    func softmaxLossIsLogCWhenAllScoresAreEqual(classes: Int) {
        let scores = Matrix(rows: 3, columns: classes, repeating: 0.7)
        let loss = SoftmaxLoss().lossAndGradient(scores: scores, labels: [0, classes - 1, classes / 2]).loss
        expectClose(loss, log(Double(classes)), rtol: 1e-12)
    }

    @Test func l1AndL2RegularizationOfTheTwoWeightVectors() {
        let x = Matrix(column: [1, 1, 1, 1])
        let w1 = Matrix(row: [1, 0, 0, 0]), w2 = Matrix(row: [0.25, 0.25, 0.25, 0.25])
        #expect(w1.dot(x)[0, 0] == 1)
        #expect(w2.dot(x)[0, 0] == 1)
        let l2 = L2Regularization(), l1 = L1Regularization()
        #expect(l2.penaltyAndGradient(weights: w1).loss == 1)
        #expect(l2.penaltyAndGradient(weights: w2).loss == 0.25)
        #expect(l1.penaltyAndGradient(weights: w1).loss == 1)
        #expect(l1.penaltyAndGradient(weights: w2).loss == 1)
    }
}

/// The quadratic of seed 004, `f(x) = 5x₁² + 2x₂² + 7x₁x₂ + 10x₁ + x₂ + 1`.
@Suite("Seed 004 quadratic")
struct Seed004QuadraticTests {
    static let f = TestFunction.named("seed004-quadratic")!

    @Test func gradientIsTheLectureFormulaAtSeededPoints() {
        var generator = SeededGenerator(seed: 4)
        let estimator = CenteredDifferenceGradient()
        for _ in 0..<20 {
            let x = generator.matrix(1, 2, in: -20...20)
            let x1 = x.elements[0], x2 = x.elements[1]
            let formula = Matrix(row: [10 * x1 + 7 * x2 + 10, 4 * x2 + 7 * x1 + 1])
            expectClose(Self.f.gradient(x), formula, rtol: 1e-12)
            expectGradientsAgree(analytic: formula, numeric: estimator.gradient(of: Self.f.value, at: x))
        }
    }

    @Test func gradientVanishesAt11Over3AndMinus20Over3WhereFIs16() {
        let x = Matrix(row: [11.0 / 3, -20.0 / 3])
        expectClose(Self.f.gradient(x), Matrix(row: [0, 0]), atol: 1e-12)
        expectClose(Self.f.value(x), 16, rtol: 1e-12)
    }

    @Test func valueAtMinus20And20IsMinus179() {
        #expect(Self.f.value(Matrix(row: [-20, 20])) == -179)
    }

    @Test func hessianIsIndefiniteSoTheStationaryPointIsASaddle() {
        // The Hessian by centered differences of the gradient: [[10, 7], [7, 4]], determinant −9.
        let saddle = Matrix(row: [11.0 / 3, -20.0 / 3])
        let h = 1e-4
        var hessian = Matrix.zeros(2, 2)
        for k in 0..<2 {
            var plus = saddle, minus = saddle
            plus.elements[k] += h
            minus.elements[k] -= h
            hessian[row: k] = ((Self.f.gradient(plus) - Self.f.gradient(minus)) / (2 * h)).elements
        }
        expectClose(hessian, [[10, 7], [7, 4]], rtol: 1e-9, atol: 1e-9)
        let determinant = hessian[0, 0] * hessian[1, 1] - hessian[0, 1] * hessian[1, 0]
        #expect(determinant < 0)
        // f rises along x₁ and falls along the direction (1, −2) through the stationary point.
        let f0 = Self.f.value(saddle)
        #expect(Self.f.value(saddle + Matrix(row: [0.1, 0])) > f0)
        #expect(Self.f.value(saddle + Matrix(row: [0.1, -0.2])) < f0)
    }
}
