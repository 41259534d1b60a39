import ComponentRuntime
import Foundation
import GradeKit
import Reference
import Testing
import TestSupport

/// The update rules of the optimizers, hand-computed for a few steps, and their behaviour on a bowl.
@Suite("Optimizers")
struct OptimizerTests {
    static let g1: Matrix = [[1, -2]], g2: Matrix = [[0.5, 4]]
    static let start: Matrix = [[1, 1]]

    static func trajectory(_ optimizer: some Optimizer, _ gradients: [Matrix]) -> [Matrix] {
        var optimizer = optimizer
        var w = start
        return gradients.map { g in
            optimizer.step(parameters: &w, gradient: g)
            return w
        }
    }

    @Test func gradientDescentStepsAgainstTheGradient() {
        let steps = Self.trajectory(GradientDescent(hyperparameters: Hyperparameters(learningRate: 0.1)), [Self.g1, Self.g2])
        expectClose(steps[0], [[0.9, 1.2]])
        expectClose(steps[1], [[0.85, 0.8]])
    }

    @Test func momentumAccumulatesVelocity() {
        // v1 = −0.1 g1 = [−0.1, 0.2]; v2 = 0.9 v1 − 0.1 g2 = [−0.14, −0.22].
        let steps = Self.trajectory(Momentum(hyperparameters: Hyperparameters(learningRate: 0.1, momentum: 0.9)), [Self.g1, Self.g2])
        expectClose(steps[0], [[0.9, 1.2]])
        expectClose(steps[1], [[0.76, 0.98]])
    }

    @Test func nesterovLooksAheadThroughTheVelocity() {
        // Step 1: v = [−0.1, 0.2]; W += 1.9 v = [0.81, 1.38].
        // Step 2: v = [−0.14, −0.22]; W += −0.9 [−0.1, 0.2] + 1.9 [−0.14, −0.22] = [−0.176, −0.598].
        let steps = Self.trajectory(Nesterov(hyperparameters: Hyperparameters(learningRate: 0.1, momentum: 0.9)), [Self.g1, Self.g2])
        expectClose(steps[0], [[0.81, 1.38]])
        expectClose(steps[1], [[0.634, 0.782]])
    }

    @Test func adagradPutsEpsilonInsideTheSquareRoot() {
        let h = Hyperparameters(learningRate: 0.1, epsilon: 0.25)
        let steps = Self.trajectory(Adagrad(hyperparameters: h), [Self.g1, Self.g2])
        // n1 = [1, 4]: W −= 0.1 g1 / sqrt(n1 + 0.25). The other convention, sqrt(n) + ε, gives something else.
        let first = Self.start - 0.1 * Self.g1 / sqrt(Matrix([[1.25, 4.25]]))
        expectClose(steps[0], first)
        expectClose(steps[1], first - 0.1 * Self.g2 / sqrt(Matrix([[1.5, 20.25]])))
        let otherConvention = Self.start - 0.1 * Self.g1 / (sqrt(Matrix([[1, 4]])) + 0.25)
        #expect(maxRelativeError(steps[0], otherConvention) > 1e-3)
    }

    @Test func rmspropScalesByALeakyAverageOfSquaredGradients() {
        let h = Hyperparameters(learningRate: 0.01, decayRate: 0.99, epsilon: 1e-8)
        let steps = Self.trajectory(RMSProp(hyperparameters: h), [Self.g1, Self.g2])
        let c1 = 0.01 * Self.g1 * Self.g1
        let c2 = 0.99 * c1 + 0.01 * Self.g2 * Self.g2
        let first = Self.start - 0.01 * Self.g1 / (sqrt(c1) + 1e-8)
        expectClose(steps[0], first)
        expectClose(steps[1], first - 0.01 * Self.g2 / (sqrt(c2) + 1e-8))
        // The first step is about 10α in size: the cache starts at zero.
        expectClose(steps[0], [[0.9, 1.1]], rtol: 1e-6)
    }

    @Test func adamFirstStepIsAboutTheLearningRateInEachCoordinate() {
        let steps = Self.trajectory(Adam(hyperparameters: Hyperparameters(learningRate: 0.01)), [Self.g1])
        expectClose(steps[0], [[0.99, 1.01]], rtol: 1e-7)
    }

    @Test func adamCorrectsTheBiasOfBothMomentsWithTheStepCount() {
        let (b1, b2, eps, alpha) = (0.9, 0.999, 1e-8, 0.01)
        let steps = Self.trajectory(Adam(hyperparameters: Hyperparameters(learningRate: alpha)), [Self.g1, Self.g2])
        let m1 = (1 - b1) * Self.g1, v1 = (1 - b2) * Self.g1 * Self.g1
        let m2 = b1 * m1 + (1 - b1) * Self.g2, v2 = b2 * v1 + (1 - b2) * Self.g2 * Self.g2
        let second = steps[0] - alpha * (m2 / (1 - b1 * b1)) / (sqrt(v2 / (1 - b2 * b2)) + eps)
        expectClose(steps[1], second)
    }

    @Test func optimizersKeepTheirStateShapedLikeTheParameters() {
        var adam = Adam()
        var w = Matrix.zeros(3, 2)
        adam.step(parameters: &w, gradient: Matrix.ones(3, 2))
        #expect(adam.firstMoment.map { [$0.rows, $0.columns] } == [3, 2])
        #expect(adam.stepCount == 1)
    }

    @Test(arguments: ["gradient-descent", "momentum", "nesterov", "adagrad", "rmsprop", "adam"])
    func everyOptimizerDescendsTheIllConditionedBowl(name: String) {
        let bowl = TestFunction.named("ill-conditioned-bowl")!
        var registry = ComponentRegistry()
        registerComponents(in: &registry)
        guard let type = registry[name]?.type as? any Optimizer.Type else {
            Issue.record("\(name) is not registered as an optimizer")
            return
        }
        let rates = ["gradient-descent": 0.05, "momentum": 0.02, "nesterov": 0.02, "adagrad": 0.5, "rmsprop": 0.01, "adam": 0.05]
        var optimizer = type.init(hyperparameters: Hyperparameters(learningRate: rates[name]!))
        var w = Matrix(row: [1, -1, 2, -2, 0.5])
        let initial = bowl.value(w)
        for _ in 0..<200 { optimizer.step(parameters: &w, gradient: bowl.gradient(w)) }
        #expect(bowl.value(w) < 0.05 * initial, "\(name) ends at \(bowl.value(w)) from \(initial)")
    }

    @Test func tooLargeALearningRateDiverges() {
        // On f = Σ x², gradient descent multiplies x by (1 − 2α): |1 − 2α| > 1 for α > 1.
        let squares = TestFunction.named("sum-of-squares")!
        var optimizer = GradientDescent(hyperparameters: Hyperparameters(learningRate: 1.1))
        var w = Matrix(row: [1, -1])
        var values = [squares.value(w)]
        for _ in 0..<10 {
            optimizer.step(parameters: &w, gradient: squares.gradient(w))
            values.append(squares.value(w))
        }
        #expect(zip(values, values.dropFirst()).allSatisfy { $0 < $1 })
    }
}

/// Learning-rate step decay.
@Suite("Step decay")
struct StepDecayTests {
    @Test func rateHalvesEveryTenSteps() {
        let schedule = StepDecaySchedule(hyperparameters: Hyperparameters(learningRate: 0.1, decayFactor: 0.5, decayEvery: 10))
        let rates = [0, 9, 10, 19, 20, 25, 99].map { schedule.learningRate(atStep: $0) }
        #expect(rates == [0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0.1 * pow(0.5, 9)])
    }

    @Test func firstRateIsTheInitialRate() {
        #expect(StepDecaySchedule().learningRate(atStep: 0) == Hyperparameters().learningRate)
    }
}

/// Minibatch stochastic gradient descent.
@Suite("Minibatch SGD")
struct MinibatchSGDTests {
    static let h = Hyperparameters(learningRate: 0.5, batchSize: 4, iterations: 6)

    @Test func drawsEveryBatchFromTheSamplerInOrder() {
        var generator = SeededGenerator(seed: 21)
        let x = generator.matrix(10, 3), y = generator.labels(10, classes: 2)
        var sampler = MinibatchSampler(sampleCount: 10, seed: 99)
        var expected = MinibatchSampler(sampleCount: 10, seed: 99)
        var seen: [[Int]] = []
        _ = MinibatchSGD(hyperparameters: Self.h).train(weights: .zeros(3, 2), inputs: x, labels: y, sampler: &sampler) { _, xb, yb in
            // Recover the indices from the rows handed over: the rows of X are distinct.
            seen.append((0..<xb.rows).map { r in (0..<10).first { x[row: $0] == xb[row: r] }! })
            #expect(yb == seen.last!.map { y[$0] })
            return LossAndGradient(loss: 0, gradient: .zeros(3, 2))
        }
        #expect(seen == (0..<6).map { _ in expected.nextBatch(size: 4) })
        #expect(sampler == expected)
    }

    @Test func stepsAgainstEachBatchGradientAndRecordsEveryLoss() {
        var sampler = MinibatchSampler(sampleCount: 3, seed: 1)
        var iteration = 0.0
        let r = MinibatchSGD(hyperparameters: Self.h).train(
            weights: [[1, 1]], inputs: .ones(3, 1), labels: [0, 0, 0], sampler: &sampler
        ) { _, _, _ in
            iteration += 1
            return LossAndGradient(loss: iteration, gradient: [[iteration, -1]])
        }
        #expect(r.lossHistory == [1, 2, 3, 4, 5, 6])
        // W − 0.5 Σ g: Σ_{t=1..6} t = 21, Σ −1 = −6.
        #expect(r.weights == Matrix([[1 - 10.5, 1 + 3]]))
    }

    @Test func trainingALinearSoftmaxLowersTheLoss() {
        var generator = SeededGenerator(seed: 22)
        let x = generator.matrix(64, 4), trueW = generator.matrix(4, 3, in: -3...3)
        let y = x.dot(trueW).argmaxRows()
        var sampler = MinibatchSampler(sampleCount: 64, seed: 5)
        let objective = LinearSoftmaxObjective()
        let h = Hyperparameters(learningRate: 1, batchSize: 16, iterations: 100)
        let r = MinibatchSGD(hyperparameters: h).train(weights: .zeros(4, 3), inputs: x, labels: y, sampler: &sampler) {
            objective.lossAndGradient(weights: $0, inputs: $1, labels: $2)
        }
        #expect(r.lossHistory.count == 100)
        expectClose(r.lossHistory[0], log(3), rtol: 1e-12)
        #expect(objective.lossAndGradient(weights: r.weights, inputs: x, labels: y).loss < 0.5 * log(3))
    }
}
