import GradeKit
import Reference
import Testing
import TestSupport

/// Large scores and logits give finite values and gradients.
@Suite("Numerical stability")
struct NumericalStabilityTests {
    @Test func softmaxOfAThousandAgainstNinesIsFinite() {
        let r = SoftmaxLoss().lossAndGradient(scores: [[1000, 9, 9, 9], [1000, 9, 9, 9]], labels: [0, 1])
        // Sample 0 is certain, sample 1 is wrong by 991: the mean is 991/2.
        expectClose(r.loss, 991.0 / 2, rtol: 1e-12)
        #expect(r.gradient.elements.allSatisfy { $0.isFinite })
        expectClose(r.gradient, [[0, 0, 0, 0], [0.5, -0.5, 0, 0]], atol: 1e-15)
    }

    @Test(arguments: [(1000.0, 0, 1000.0), (-1000, 1, 1000), (1000, 1, 0), (-1000, 0, 0)])
    func binaryCrossEntropyOfExtremeLogitsIsFinite(logit: Double, label: Int, expected: Double) {
        let r = BinaryCrossEntropyLoss().lossAndGradient(scores: Matrix(column: [logit]), labels: [label])
        #expect(r.loss == expected)
        #expect(r.gradient[0, 0] == (expected == 0 ? 0 : (label == 0 ? 1 : -1)))
    }

    @Test func binaryCrossEntropyOfALogitOfZeroIsLog2() {
        let r = BinaryCrossEntropyLoss().lossAndGradient(scores: [[0], [0]], labels: [0, 1])
        expectClose(r.loss, 0.6931471805599453, rtol: 1e-15)
        #expect(r.gradient == Matrix([[0.25], [-0.25]]))
    }

    @Test func distillationOfHugeLogitsIsFinite() {
        let r = KnowledgeDistillationLoss().lossAndGradient(
            studentLogits: [[1000, 9, 9, 9]], teacherLogits: [[-1000, 1000, 0, 5]], labels: [2])
        #expect(r.loss.isFinite)
        #expect(r.gradient.elements.allSatisfy { $0.isFinite })
    }

    @Test func linearSoftmaxWithHugeWeightsIsFinite() {
        let r = LinearSoftmaxObjective().lossAndGradient(weights: [[500, -500, 4]], inputs: [[2], [-2]], labels: [1, 2])
        #expect(r.loss.isFinite)
        #expect(r.gradient.elements.allSatisfy { $0.isFinite })
    }
}
