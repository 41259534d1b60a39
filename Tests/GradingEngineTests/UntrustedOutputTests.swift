import AssignmentFormat
import ComponentRuntime
import GradeKit
import GradeResults
import GradingEngine
import Testing

/// Every check reads a submission's outputs as untrusted: an output of the wrong kind, of the
/// wrong shape or non-finite fails the check with what was expected and what came back, and
/// never passes because a check compared the submission with itself.
@Suite("Untrusted outputs")
struct UntrustedOutputTests {
    private func grade(_ testCase: TestCase, rewrite: @escaping RewritingExecutor.Rewrite) throws -> CheckResult {
        try GradingEngineTests.grade(testCase, executor: RewritingExecutor(rewrite: rewrite))
    }

    @Test func aLossThatIsAMatrixFailsJiggleInvarianceInsteadOfMatchingItself() throws {
        let result = try grade(propertyCase(.jiggleInvariance, "multiclass-svm")) { _, name, value in
            name == "loss" ? .matrix(.zeros(2, 2)) : value
        }
        #expect(result.status == .failed)
        #expect(result.problem == .wrongShape)
        #expect(result.reason == "loss must be a scalar, got matrix 2×2")
    }

    @Test func aNaNLossFailsMeanOverSamplesAsNonFinite() throws {
        let testCase = propertyCase(.meanOverSamples, "multiclass-svm", inputs: ["scores": .normal(4, 3), "labels": .labels(4, classes: 3)])
        let result = try grade(testCase) { _, name, value in name == "loss" ? .scalar(.nan) : value }
        #expect(result.status == .failed)
        #expect(result.problem == .nonFinite)
    }

    @Test func anInfiniteSoftmaxLossWithAnInfiniteGradientIsNotNeverZero() throws {
        let result = try grade(propertyCase(.softmaxNeverZero, "softmax")) { _, name, value in
            guard case .matrix(let g) = value else { return name == "loss" ? .scalar(.infinity) : value }
            return .matrix(g.map { _ in -.infinity })
        }
        #expect(result.status == .failed)
        #expect(result.problem == .nonFinite)
    }

    @Test func aSoftmaxGradientOfAnotherShapeSaysWhichShapeWasExpected() throws {
        let result = try grade(propertyCase(.softmaxNeverZero, "softmax")) { _, name, value in
            name == "gradient" ? .matrix(.zeros(3, 1)) : value
        }
        #expect(result.problem == .wrongShape)
        #expect(result.reason == "gradient must be a 1×3 matrix, got matrix 3×1")
    }

    @Test func aTrajectoryOfAnotherShapeFailsTheDivergenceProperty() throws {
        let testCase = propertyCase(.learningRateTooLargeDiverges, "gradient-descent", inputs: PropertyCheckTests.bowl)
        // A 1×1 trajectory whose values would otherwise tell the story the property wants.
        let result = try grade(testCase) { call, name, value in
            name == "trajectory" ? .matrices([Matrix([[call == 0 ? 1e6 : 0]])]) : value
        }
        #expect(result.status == .failed)
        #expect(result.problem == .wrongShape)
        #expect(result.reason == "trajectory with α = 0.5 must be 20 matrices of 1×5, got 1 matrices of 1×1")
    }

    @Test func aTrajectoryWithAStepTooManyFailsTheDivergenceProperty() throws {
        let testCase = propertyCase(.learningRateTooLargeDiverges, "gradient-descent", inputs: PropertyCheckTests.bowl)
        let result = try grade(testCase) { _, _, value in
            guard case .matrices(let path) = value, let last = path.last else { return value }
            return .matrices(path + [last])
        }
        #expect(result.problem == .wrongShape)
        #expect(result.reason == "trajectory with α = 0.5 must be 20 matrices of 1×5, got 21 matrices of 1×5")
    }

    @Test func aPenaltyOfTheWrongKindIsAWrongShapeNotANaN() throws {
        let result = try grade(propertyCase(.regularizerPreference, "l2-regularization")) { call, name, value in
            call == 3 && name == "loss" ? .series([0]) : value
        }
        #expect(result.problem == .wrongShape)
        #expect(result.reason == "the penalty must be a scalar, got series of 1")
    }

    @Test func aMissingLossInAGradientCheckSaysWhatWasExpected() throws {
        let result = try grade(gradientCheckCase("multiclass-svm")) { call, name, value in
            call == 3 && name == "loss" ? nil : value
        }
        #expect(result.status == .failed)
        #expect(result.problem == .missingResult)
        // Call 3 is the second shifted call of entry 1, scores[0, 1].
        #expect(result.reason == "no loss with scores[0, 1] shifted was returned (expected a scalar)")
    }

    @Test func aGradientOfTheWrongKindInAGradientCheckNamesBoth() throws {
        let result = try grade(gradientCheckCase("multiclass-svm")) { _, name, value in
            name == "gradient" ? .series([1, 2]) : value
        }
        #expect(result.problem == .wrongShape)
        #expect(result.reason == "gradient must be a 4×3 matrix, got series of 2")
    }

    @Test func weightsOfAnotherShapeFromATrainerSayWhatCameBack() throws {
        let result = try grade(ConvergenceCheckTests.convergenceCase(iterations: 10)) { _, name, value in
            name == "weights" ? .matrix(.zeros(1, 1)) : value
        }
        #expect(result.problem == .wrongShape)
        #expect(result.reason?.hasSuffix("got weights: matrix 1×1, lossHistory: series of 10") == true, "\(result.reason ?? "")")
    }
}
