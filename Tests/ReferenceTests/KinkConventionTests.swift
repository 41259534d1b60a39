import GradeKit
import Reference
import Testing
import TestSupport

/// At a kink the reference takes the subgradient 0: strict `>` on hinge margins,
/// `sign(0) = 0`, and a zero gradient of a zero distance.
@Suite("Kink conventions")
struct KinkConventionTests {
    @Test func svmMarginExactlyZeroContributesNoGradient() {
        // m_1 = 1 − 2 + 1 = 0 exactly; m_2 = 0.5 − 2 + 1 = −0.5.
        let r = MulticlassSVMLoss().lossAndGradient(scores: [[2, 1, 0.5]], labels: [0])
        #expect(r.loss == 0)
        #expect(r.gradient == Matrix([[0, 0, 0]]))
    }

    @Test func svmCountsOnlyStrictlyPositiveMarginsAtTheCorrectClass() {
        // m_1 = 0 (kink), m_2 = 0.5 (active): the correct class gets −1, not −2.
        let r = MulticlassSVMLoss().lossAndGradient(scores: [[2, 1, 1.5]], labels: [0])
        #expect(r.loss == 0.5)
        #expect(r.gradient == Matrix([[-1, 0, 1]]))
    }

    @Test func squaredHingeMarginExactlyZeroContributesNoGradient() {
        let r = SquaredHingeLoss().lossAndGradient(scores: [[2, 1, 0.5]], labels: [0])
        #expect(r.loss == 0)
        #expect(r.gradient == Matrix([[0, 0, 0]]))
    }

    @Test func linearSVMAtAKinkUsesTheStrictMarginConvention() {
        // X = I, so S = W: the same margins as svmMarginExactlyZeroContributesNoGradient.
        let r = LinearSVMObjective().lossAndGradient(weights: [[2, 1, 0.5]], inputs: [[1]], labels: [0])
        #expect(r.loss == 0)
        #expect(r.gradient == Matrix([[0, 0, 0]]))
    }

    @Test func l1LossHasZeroGradientWhereThePredictionIsExact() {
        let r = L1Loss().lossAndGradient(predictions: [[1, 2], [3, 4]], targets: [[1, 0], [3, 5]])
        #expect(r.gradient == Matrix([[0, 0.5], [0, -0.5]]))
    }

    @Test func l1RegularizationHasZeroGradientAtZeroWeights() {
        let r = L1Regularization().penaltyAndGradient(weights: [[0, -2], [3, 0]])
        #expect(r.gradient == Matrix([[0, -1], [1, 0]]))
    }

    @Test func elasticNetHasZeroGradientAtZeroWeights() {
        let r = ElasticNetRegularization(hyperparameters: Hyperparameters(beta: 0.5)).penaltyAndGradient(weights: [[0, -2]])
        #expect(r.gradient == Matrix([[0, -3]]))
        #expect(r.loss == 4)
    }

    @Test func contrastiveGradientIsZeroAtZeroDistance() {
        let e: Matrix = [[0.3, -0.4], [0.3, -0.4]]
        let r = ContrastiveLoss().lossAndGradients(first: e, second: e, similar: [1, 0])
        #expect(r.loss == 0.5) // (0 + max(0, 1 − 0)) / 2
        #expect(r.gradientFirst == Matrix.zeros(2, 2))
        #expect(r.gradientSecond == Matrix.zeros(2, 2))
    }

    @Test func contrastiveNegativePairExactlyAtTheMarginHasZeroGradient() {
        // d = 5 = m: the hinge max(0, m − d) sits on its kink.
        let r = ContrastiveLoss(hyperparameters: Hyperparameters(margin: 5))
            .lossAndGradients(first: [[3, 4]], second: [[0, 0]], similar: [0])
        #expect(r.loss == 0)
        #expect(r.gradientFirst == Matrix([[0, 0]]))
    }

    @Test func tripletHingeExactlyZeroHasZeroGradient() {
        // d(a, p) = 1, d(a, n) = 2, m = 1: m + d(a, p) − d(a, n) = 0.
        let r = TripletMarginLoss().lossAndGradients(anchors: [[0, 0]], positives: [[1, 0]], negatives: [[0, 2]])
        #expect(r.loss == 0)
        #expect(r.gradientAnchors == Matrix([[0, 0]]))
        #expect(r.gradientPositives == Matrix([[0, 0]]))
        #expect(r.gradientNegatives == Matrix([[0, 0]]))
    }

    @Test func tripletZeroPositiveDistanceContributesNoPositiveGradient() {
        // a = p, so only the negative's unit vector remains; d(a, n) = 0.5 < m: active.
        let r = TripletMarginLoss().lossAndGradients(anchors: [[1, 1]], positives: [[1, 1]], negatives: [[1, 1.5]])
        #expect(r.loss == 0.5)
        #expect(r.gradientPositives == Matrix([[0, 0]]))
        #expect(r.gradientNegatives == Matrix([[0, -1]]))
        #expect(r.gradientAnchors == Matrix([[0, 1]]))
    }
}
