import AssignmentFormat
import ComponentRuntime
import GradeKit
import GradeResults
import GradingEngine
import Reference
import Testing

/// Worked examples and reference agreement, graded through the grader: the reference passes,
/// and each classic mistake fails with the misconception that explains it.
@Suite("Worked examples, reference agreement and misconceptions")
struct MisconceptionTests {
    static let svmMean = TestCase(name: "svm-mean-5.27", component: "multiclass-svm",
                                  check: .workedExample(expected: ["loss": .scalar(15.8 / 3)], logBase: nil), inputs: lectureScores)
    static let svmCat = TestCase(name: "svm-cat-2.9", component: "multiclass-svm",
                                 check: .workedExample(expected: ["loss": .scalar(2.9)], logBase: nil), inputs: catScores)
    static let softmaxCat = TestCase(name: "softmax-cat-2.04", component: "softmax",
                                     check: .workedExample(expected: ["loss": .scalar(2.04)], logBase: nil), inputs: catScores,
                                     tolerance: Tolerance(rtol: 0, atol: 0.005))
    static let softmaxCatBaseTen = TestCase(name: "softmax-cat-0.89", component: "softmax",
                                            check: .workedExample(expected: ["loss": .scalar(0.89)], logBase: 10), inputs: catScores,
                                            tolerance: Tolerance(rtol: 0, atol: 0.005))

    // MARK: The reference passes

    @Test func theReferencePassesTheLectureWorkedExamples() throws {
        let results = try grade([Self.svmMean, Self.svmCat, Self.softmaxCat, Self.softmaxCatBaseTen])
        for result in results { #expect(result.status == .passed, "\(result.name): \(result.reason ?? "")") }
    }

    @Test func theReferenceAgreesWithItselfOnEveryComponent() throws {
        let cases = gradientCheckInputs.map { referenceCase("\($0.component)-reference", $0.component, inputs: $0.inputs,
                                                            hyperparameters: $0.hyperparameters) }
            + [referenceCase("adam-reference", "adam", inputs: ["parameters": .normal(2, 3), "gradients": .gradients(4, 2, 3)])]
        for result in try grade(cases) { #expect(result.status == .passed, "\(result.name): \(result.reason ?? "")") }
    }

    @Test func aLossInBaseTenUnitsIsComparedAfterDividingByLnTen() throws {
        // The natural-log reference gives 2.04, which is 0.886 in base 10.
        let result = try grade(Self.softmaxCatBaseTen)
        #expect(result.status == .passed)
        let wrong = try grade(Self.softmaxCatBaseTen, with: referenceRegistry { $0.register("softmax", BaseTenSoftmax.self) })
        #expect(wrong.status == .failed)
        #expect(wrong.reason?.contains("divided by ln 10") == true, "\(wrong.reason ?? "")")
    }

    @Test func aWorkedExampleFailsWithTheExpectedAndSubmittedValues() throws {
        let result = try grade(Self.svmCat, with: referenceRegistry { $0.register("multiclass-svm", AllClassesSVM.self) })
        #expect(result.status == .failed)
        #expect(result.problem == .wrongValue)
        #expect(result.reason == "loss is 3.9, expected 2.9")
        #expect(result.comparisons.first?.expected == "2.9")
        #expect(result.comparisons.first?.got == "3.9")
    }

    // MARK: Misconceptions

    @Test func aSumInsteadOfAMeanIsNamed() throws {
        let result = try grade(Self.svmMean, with: referenceRegistry { $0.register("multiclass-svm", SummedSVM.self) })
        #expect(result.status == .failed)
        #expect(result.problem == .wrongValue)
        #expect(result.misconception?.contains("sums over the N = 3 samples") == true, "\(result.misconception ?? "")")
    }

    @Test func summingOverTheCorrectClassIsNamed() throws {
        let result = try grade(Self.svmMean, with: referenceRegistry { $0.register("multiclass-svm", AllClassesSVM.self) })
        #expect(result.status == .failed)
        #expect(result.misconception?.contains("Δ") == true, "\(result.misconception ?? "")")
        #expect(result.misconception?.contains("j = y_i") == true)
    }

    @Test func summingOverTheCorrectClassIsNamedForAnotherMargin() throws {
        var testCase = referenceCase("svm-margin-2", "multiclass-svm", inputs: ["scores": .normal(4, 3), "labels": .labels(4, classes: 3)],
                                     hyperparameters: Hyperparameters(margin: 2), compare: ["loss"])
        testCase.seed = 5
        let result = try grade(testCase, with: referenceRegistry { $0.register("multiclass-svm", AllClassesSVM.self) })
        #expect(result.status == .failed)
        #expect(result.misconception?.contains("j = y_i") == true, "\(result.misconception ?? "")")
    }

    @Test func aBaseTenLogarithmIsNamed() throws {
        let exact = TestCase(name: "softmax-cat-exact", component: "softmax",
                             check: .workedExample(expected: ["loss": .scalar(2.04035515280017)], logBase: nil), inputs: catScores,
                             tolerance: Tolerance(rtol: 1e-9, atol: 1e-11))
        let result = try grade(exact, with: referenceRegistry { $0.register("softmax", BaseTenSoftmax.self) })
        #expect(result.status == .failed)
        #expect(result.misconception?.contains("natural log") == true, "\(result.misconception ?? "")")
    }

    @Test func aBaseTenLogarithmIsNamedAgainstTheLecturesRoundedValue() throws {
        // The lecture's 2.04 is rounded; the case allows ±0.005. 0.886 · ln 10 = 2.0404 is that 2.04.
        let result = try grade(Self.softmaxCat, with: referenceRegistry { $0.register("softmax", BaseTenSoftmax.self) })
        #expect(result.status == .failed)
        #expect(result.misconception?.contains("natural log") == true, "\(result.misconception ?? "")")
    }

    @Test func aSignFlippedGradientIsNamed() throws {
        let testCase = referenceCase("softmax-reference", "softmax", inputs: ["scores": .normal(4, 3), "labels": .labels(4, classes: 3)])
        let result = try grade(testCase, with: referenceRegistry { $0.register("softmax", SignFlippedSoftmax.self) })
        #expect(result.status == .failed)
        #expect(result.problem == .wrongGradient)
        #expect(result.misconception?.contains("opposite sign") == true, "\(result.misconception ?? "")")
    }

    /// Three random steps with ε = 0.5, large enough that the two conventions differ visibly.
    static func optimizerCase(_ component: String, hyperparameters: Hyperparameters) -> TestCase {
        referenceCase("\(component)-three-steps", component, inputs: ["parameters": .normal(2, 3), "gradients": .gradients(3, 2, 3)],
                      hyperparameters: hyperparameters)
    }

    @Test func adagradWithEpsilonOutsideTheRootIsNamed() throws {
        let testCase = Self.optimizerCase("adagrad", hyperparameters: Hyperparameters(learningRate: 0.1, epsilon: 0.5))
        #expect(try grade(testCase).status == .passed)
        let result = try grade(testCase, with: referenceRegistry { $0.register("adagrad", EpsilonOutsideAdagrad.self) })
        #expect(result.status == .failed)
        #expect(result.misconception?.contains("ε outside the square root") == true, "\(result.misconception ?? "")")
    }

    @Test func adamWithoutBiasCorrectionIsNamed() throws {
        let testCase = Self.optimizerCase("adam", hyperparameters: Hyperparameters(learningRate: 0.1))
        #expect(try grade(testCase).status == .passed)
        let result = try grade(testCase, with: referenceRegistry { $0.register("adam", UncorrectedAdam.self) })
        #expect(result.status == .failed)
        #expect(result.misconception?.contains("bias correction") == true, "\(result.misconception ?? "")")
    }

    @Test func momentumImplementedAsNesterovIsNamed() throws {
        let testCase = Self.optimizerCase("momentum", hyperparameters: Hyperparameters(learningRate: 0.1))
        #expect(try grade(testCase).status == .passed)
        let result = try grade(testCase, with: referenceRegistry { $0.register("momentum", Nesterov.self) })
        #expect(result.status == .failed)
        #expect(result.misconception?.contains("Nesterov") == true, "\(result.misconception ?? "")")
    }

    @Test func nesterovImplementedAsMomentumIsNamed() throws {
        let testCase = Self.optimizerCase("nesterov", hyperparameters: Hyperparameters(learningRate: 0.1))
        #expect(try grade(testCase).status == .passed)
        let result = try grade(testCase, with: referenceRegistry { $0.register("nesterov", Momentum.self) })
        #expect(result.status == .failed)
        #expect(result.misconception?.contains("plain momentum") == true, "\(result.misconception ?? "")")
    }

    @Test func anOptimizerConventionIsRecognisedOnANamedObjective() throws {
        let testCase = referenceCase("momentum-bowl", "momentum",
                                     inputs: ["parameters": .normal(1, 5), "objective": .text("ill-conditioned-bowl"), "steps": .integers([10])],
                                     hyperparameters: Hyperparameters(learningRate: 0.02))
        #expect(try grade(testCase).status == .passed)
        let result = try grade(testCase, with: referenceRegistry { $0.register("momentum", Nesterov.self) })
        #expect(result.misconception?.contains("Nesterov") == true, "\(result.misconception ?? "")")
    }

    @Test func anUnrelatedWrongAnswerNamesNoMisconception() throws {
        let testCase = Self.optimizerCase("adam", hyperparameters: Hyperparameters(learningRate: 0.1))
        let result = try grade(testCase, with: referenceRegistry { $0.register("adam", FixedRateGradientDescent.self) })
        #expect(result.status == .failed)
        #expect(result.misconception == nil, "\(result.misconception ?? "")")
    }

    @Test func aPassingCaseCarriesNoProblemReasonOrHint() throws {
        var testCase = Self.svmCat
        testCase.hint = "Sum over j ≠ y_i."
        let result = try grade(testCase)
        #expect(result.status == .passed)
        #expect(result.problem == nil && result.reason == nil && result.hint == nil)
        #expect(result.score == result.points)
    }

    @Test func aFailingCaseCarriesItsHintAndScoresZero() throws {
        var testCase = Self.svmCat
        testCase.hint = "Sum over j ≠ y_i."
        testCase.points = 3
        // Margins without max(0, ·): no known mistake of the catalogue, but a negative loss.
        let result = try grade(testCase, with: referenceRegistry { $0.register("multiclass-svm", UnclampedSVM.self) })
        #expect(result.status == .failed)
        #expect(result.misconception == "Your loss is -1, but this loss can never be negative: look for a missing max(0, ·) or a flipped sign.")
        #expect(result.hint == "Sum over j ≠ y_i.")
        #expect(result.score == 0)
    }

    @Test func aNamedMistakeReplacesTheCasesFixedHint() throws {
        var testCase = Self.svmCat
        testCase.hint = "Check the margin."
        let result = try grade(testCase, with: referenceRegistry { $0.register("multiclass-svm", AllClassesSVM.self) })
        #expect(result.misconception?.hasPrefix("Your loss sums over every class, including j = y_i") == true, "\(result.misconception ?? "")")
        #expect(result.hint == nil)
    }

    @Test func aHintAboutAMistakeIsShownBesideItWhenTheOutputsAreThatMistakes() throws {
        var testCase = Self.svmCat
        testCase.hint = "Sum over j ≠ y_i."
        testCase.hintWhen = [.mistake("includes-correct-class")]
        let named = try grade(testCase, with: referenceRegistry { $0.register("multiclass-svm", AllClassesSVM.self) })
        #expect(named.misconception?.hasPrefix("Your loss sums over every class, including j = y_i") == true, "\(named.misconception ?? "")")
        #expect(named.hint == "Sum over j ≠ y_i.")
        #expect(named.idea == ReferenceOracle().mistakes.first { $0.key == "multiclass-svm/includes-correct-class" }?.idea)
        #expect(named.idea?.isEmpty == false)
        // Another wrong answer is not that mistake: the hint about it is not shown.
        let other = try grade(testCase, with: referenceRegistry { $0.register("multiclass-svm", UnclampedSVM.self) })
        #expect(other.status == .failed)
        #expect(other.hint == nil)
    }

    @Test func aHintAboutAKindOfFailureIsShownOnlyForThatKindAndGivesWayToANamedMistake() throws {
        var testCase = Self.svmCat
        testCase.hint = "Look at the kink."
        testCase.hintWhen = [.problem(.wrongGradient)]
        // A negative loss is a wrong value, not a wrong gradient.
        let unclamped = try grade(testCase, with: referenceRegistry { $0.register("multiclass-svm", UnclampedSVM.self) })
        #expect(unclamped.status == .failed && unclamped.problem == .wrongValue)
        #expect(unclamped.hint == nil)
        // Summing over every class is a wrong gradient too, but the named mistake is the better evidence.
        let named = try grade(testCase, with: referenceRegistry { $0.register("multiclass-svm", AllClassesSVM.self) })
        #expect(named.misconception != nil)
        #expect(named.hint == nil)
    }

    @Test func aHintConditionedOnAMistakeTheCatalogueDoesNotHoldStopsGrading() throws {
        var testCase = Self.svmCat
        testCase.hint = "Sum over j ≠ y_i."
        testCase.hintWhen = [.mistake("includes-the-correct-class")]
        #expect(throws: CaseError.self) { try grade(testCase) }
    }
}
