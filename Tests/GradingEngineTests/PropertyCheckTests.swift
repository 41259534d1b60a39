import AssignmentFormat
import ComponentRuntime
import GradeKit
import GradeResults
import GradingEngine
import Reference
import Testing

@Suite("Property checks")
struct PropertyCheckTests {
    static let svmInputs: [String: InputSpec] = ["scores": .normal(4, 3), "labels": .labels(4, classes: 3)]
    static let hugeScores: [String: InputSpec] = ["scores": .matrix([[1000, 9, 9, 9], [-5, 800, 2, 1]]), "labels": .integers([0, 2])]
    static let bowl: [String: InputSpec] = [
        "parameters": .matrix([[1, 1, 1, 1, 1]]), "objective": .text("ill-conditioned-bowl"), "steps": .integers([20]),
    ]

    /// The property cases the reference must pass: every property on every component it is written for.
    static func referenceCases(_ property: PropertyName) -> [TestCase] {
        switch property {
        case .jiggleInvariance: [propertyCase(property, "multiclass-svm")]
        case .meanOverSamples:
            ["multiclass-svm", "softmax", "l2-loss", "contrastive", "triplet", "distillation", "linear-softmax"].map { component in
                let entry = gradientCheckInputs.first { $0.component == component }!
                return propertyCase(property, component, inputs: entry.inputs, hyperparameters: entry.hyperparameters)
            }
        case .excludesCorrectClass: [propertyCase(property, "multiclass-svm"), propertyCase(property, "multiclass-svm", hyperparameters: .init(margin: 3))]
        case .scaledWeightsStayZero: [propertyCase(property, "multiclass-svm"), propertyCase(property, "linear-svm", hyperparameters: .init(regularization: 0.5))]
        case .softmaxNeverZero: [propertyCase(property, "softmax")]
        case .squaredHingeIsNotScaledHinge: [propertyCase(property, "squared-hinge")]
        case .uniformScoresGiveLogC: [propertyCase(property, "softmax")]
        case .numericallyStable: [propertyCase(property, "softmax", inputs: hugeScores), propertyCase(property, "binary-cross-entropy",
                                  inputs: ["scores": .matrix([[1000], [-1000]]), "labels": .integers([0, 1])])]
        case .regularizerPreference: [propertyCase(property, "l2-regularization"), propertyCase(property, "l1-regularization")]
        case .learningRateTooLargeDiverges: [propertyCase(property, "gradient-descent", inputs: bowl)]
        }
    }

    @Test(arguments: PropertyName.allCases)
    func theReferencePasses(_ property: PropertyName) throws {
        let cases = Self.referenceCases(property).enumerated().map { index, testCase in
            var named = testCase
            named.name += "-\(index)"
            return named
        }
        for result in try grade(cases) {
            #expect(result.status == .passed, "\(result.name): \(result.reason ?? "")")
            #expect(!result.comparisons.isEmpty)
        }
    }

    @Test func jigglingASatisfiedSampleMustNotChangeTheSVMLoss() throws {
        let result = try grade(propertyCase(.jiggleInvariance, "multiclass-svm"),
                               with: referenceRegistry { $0.register("multiclass-svm", UnclampedSVM.self) })
        #expect(result.status == .failed)
        #expect(result.problem == .propertyViolated)
        #expect(result.misconception?.contains("max(0, m)") == true)
    }

    @Test func aSumOverSamplesViolatesTheMean() throws {
        let result = try grade(propertyCase(.meanOverSamples, "multiclass-svm", inputs: Self.svmInputs),
                               with: referenceRegistry { $0.register("multiclass-svm", SummedSVM.self) })
        #expect(result.status == .failed)
        #expect(result.problem == .propertyViolated)
        #expect(result.misconception?.contains("sum over samples, not a mean") == true, "\(result.misconception ?? "")")
    }

    @Test func includingTheCorrectClassViolatesExcludesCorrectClass() throws {
        let result = try grade(propertyCase(.excludesCorrectClass, "multiclass-svm"),
                               with: referenceRegistry { $0.register("multiclass-svm", AllClassesSVM.self) })
        #expect(result.problem == .propertyViolated)
        #expect(result.misconception?.contains("j = y_i") == true, "\(result.misconception ?? "")")
    }

    @Test func includingTheCorrectClassIsRecognisedWithAnotherMargin() throws {
        let result = try grade(propertyCase(.excludesCorrectClass, "multiclass-svm", hyperparameters: .init(margin: 3)),
                               with: referenceRegistry { $0.register("multiclass-svm", AllClassesSVM.self) })
        #expect(result.problem == .propertyViolated)
        #expect(result.misconception?.contains("j = y_i") == true, "\(result.misconception ?? "")")
    }

    @Test func aLossThatIsNeverZeroViolatesScaledWeightsStayZero() throws {
        let score = try grade(propertyCase(.scaledWeightsStayZero, "multiclass-svm"),
                              with: referenceRegistry { $0.register("multiclass-svm", AllClassesSVM.self) })
        #expect(score.problem == .propertyViolated)
        let linear = try grade(propertyCase(.scaledWeightsStayZero, "linear-svm"),
                               with: referenceRegistry { $0.register("linear-svm", AllClassesLinearSVM.self) })
        #expect(linear.problem == .propertyViolated)
    }

    @Test func theRegularizationIsLeftOutOfScaledWeightsStayZero() throws {
        // With λ > 0, 2W has a larger penalty; the property is about the data loss alone.
        let result = try grade(propertyCase(.scaledWeightsStayZero, "linear-svm", hyperparameters: .init(regularization: 10)))
        #expect(result.status == .passed, "\(result.reason ?? "")")
    }

    @Test func aGradientThatPushesTheCorrectClassDownViolatesSoftmaxNeverZero() throws {
        let result = try grade(propertyCase(.softmaxNeverZero, "softmax"),
                               with: referenceRegistry { $0.register("softmax", SignFlippedSoftmax.self) })
        #expect(result.problem == .propertyViolated)
    }

    @Test func hingeIsNotASquaredHinge() throws {
        let result = try grade(propertyCase(.squaredHingeIsNotScaledHinge, "squared-hinge"),
                               with: referenceRegistry { $0.register("squared-hinge", MulticlassSVMLoss.self) })
        #expect(result.problem == .propertyViolated)
        #expect(result.misconception?.contains("not hinge times a constant") == true)
    }

    @Test func aBaseTenSoftmaxViolatesLogC() throws {
        let result = try grade(propertyCase(.uniformScoresGiveLogC, "softmax"),
                               with: referenceRegistry { $0.register("softmax", BaseTenSoftmax.self) })
        #expect(result.problem == .propertyViolated)
        #expect(result.reason?.contains("log C") == true)
    }

    @Test func anUnshiftedSoftmaxOverflowsAndIsTold() throws {
        let result = try grade(propertyCase(.numericallyStable, "softmax", inputs: Self.hugeScores),
                               with: referenceRegistry { $0.register("softmax", UnshiftedSoftmax.self) })
        #expect(result.status == .failed)
        #expect(result.problem == .nonFinite)
        #expect(result.misconception?.contains("maximum") == true, "\(result.misconception ?? "")")
    }

    @Test func aNormInsteadOfASumOfSquaresViolatesRegularizerPreference() throws {
        let result = try grade(propertyCase(.regularizerPreference, "l2-regularization"),
                               with: referenceRegistry { $0.register("l2-regularization", NormRegularization.self) })
        #expect(result.problem == .propertyViolated)
        #expect(result.misconception?.contains("not the norm") == true, "\(result.misconception ?? "")")
    }

    @Test func aMeanInsteadOfASumViolatesRegularizerPreference() throws {
        let result = try grade(propertyCase(.regularizerPreference, "l1-regularization"),
                               with: referenceRegistry { $0.register("l1-regularization", MeanL1Regularization.self) })
        #expect(result.problem == .propertyViolated)
    }

    @Test func anOptimizerThatIgnoresTheLearningRateViolatesDivergence() throws {
        let result = try grade(propertyCase(.learningRateTooLargeDiverges, "gradient-descent", inputs: Self.bowl),
                               with: referenceRegistry { $0.register("gradient-descent", FixedRateGradientDescent.self) })
        #expect(result.problem == .propertyViolated)
    }


    @Test func propertyInputsAreTheSameOnEveryRun() throws {
        // The checks are deterministic: two runs of a jiggle case produce identical comparisons.
        let first = try grade(propertyCase(.jiggleInvariance, "multiclass-svm"), with: referenceRegistry { $0.register("multiclass-svm", UnclampedSVM.self) })
        let second = try grade(propertyCase(.jiggleInvariance, "multiclass-svm"), with: referenceRegistry { $0.register("multiclass-svm", UnclampedSVM.self) })
        #expect(first.comparisons == second.comparisons)
    }
}
