import AssignmentFormat
import ComponentRuntime
import GradeKit
import GradeResults
import GradingEngine
import Testing

@Suite("Gradient checks")
struct GradientCheckTests {
    static let differentiableComponents = gradientCheckInputs.map(\.component)

    @Test(arguments: differentiableComponents)
    func theReferencePasses(_ component: String) throws {
        let result = try grade(gradientCheckCase(component))
        #expect(result.status == .passed, "\(result.reason ?? "")")
        #expect(!result.comparisons.isEmpty)
        #expect(result.comparisons.allSatisfy { $0.passed })
    }

    @Test(arguments: differentiableComponents)
    func theReferencePassesAtRandomPoints(_ component: String) throws {
        for runSeed: UInt64 in [3, 1_000_003, 0xDEAD_BEEF] {
            let result = try grade(gradientCheckCase(component), runSeed: runSeed)
            #expect(result.status == .passed, "run seed \(runSeed): \(result.reason ?? "")")
        }
    }

    @Test func everyGradientOfAFamilyIsChecked() throws {
        let triplet = try grade(gradientCheckCase("triplet"))
        #expect(triplet.comparisons.map { $0.quantity.split(separator: " ").first.map(String.init) }
                == ["gradientAnchors", "gradientPositives", "gradientNegatives"])
        let contrastive = try grade(gradientCheckCase("contrastive"))
        #expect(contrastive.comparisons.count == 2)
    }

    @Test func aCorrectImplementationPassesForThirtySeeds() throws {
        for seed: UInt64 in 1...30 {
            for component in ["multiclass-svm", "softmax", "triplet", "linear-svm"] {
                let result = try grade(gradientCheckCase(component, seed: seed))
                #expect(result.status == .passed, "\(component), seed \(seed): \(result.reason ?? "")")
            }
        }
    }

    @Test func aGradientWrongInOneEntryFailsNamingThatEntry() throws {
        let registry = referenceRegistry { $0.register("multiclass-svm", OneEntryOffSVM.self) }
        let result = try grade(gradientCheckCase("multiclass-svm"), with: registry)
        #expect(result.status == .failed)
        #expect(result.problem == .wrongGradient)
        #expect(result.reason?.hasPrefix("gradient[1, 2] is ") == true, "\(result.reason ?? "")")
        #expect(result.comparisons.first?.passed == false)
    }

    @Test func aGradientOfTheWrongShapeIsWrongShape() throws {
        let registry = referenceRegistry { $0.register("multiclass-svm", TransposedGradientSVM.self) }
        let result = try grade(gradientCheckCase("multiclass-svm"), with: registry)
        #expect(result.status == .failed)
        #expect(result.problem == .wrongShape)
        #expect(result.reason?.contains("gradient is 3×4, but scores is 4×3") == true, "\(result.reason ?? "")")
    }

    @Test(arguments: ["loop", "vectorized"])
    func aLoopAndAVectorizedSVMBothPass(_ style: String) throws {
        let registry = referenceRegistry {
            if style == "loop" { $0.register("multiclass-svm", LoopMulticlassSVM.self) }
            else { $0.register("multiclass-svm", VectorizedMulticlassSVM.self) }
        }
        for seed: UInt64 in 1...5 {
            let result = try grade(gradientCheckCase("multiclass-svm", seed: seed), with: registry)
            #expect(result.status == .passed, "\(style), seed \(seed): \(result.reason ?? "")")
        }
    }

    /// Row 0 has label 1 and s₀ − s₁ + Δ = 0 − 1 + 1 = 0 exactly: a kink in s₀ and in s₁.
    static let kinkCase = TestCase(
        name: "svm-at-a-kink", component: "multiclass-svm", check: everyGradientCheck(of: "multiclass-svm"),
        inputs: ["scores": .matrix([[0, 1, 0.3], [2, 0.5, -1]]), "labels": .integers([1, 0])])

    @Test func anSVMAtAKinkIsNotFailedAndTheKinksAreReported() throws {
        let result = try grade(Self.kinkCase)
        #expect(result.status == .passed, "\(result.reason ?? "")")
        #expect(result.comparisons.first?.quantity.contains("4 entries, 2 at kinks left out") == true,
                "\(result.comparisons.first?.quantity ?? "")")
    }

    @Test func theOtherSubgradientAtAKinkIsNotFailedEither() throws {
        let registry = referenceRegistry { $0.register("multiclass-svm", GreaterOrEqualSVM.self) }
        let result = try grade(Self.kinkCase, with: registry)
        #expect(result.status == .passed, "\(result.reason ?? "")")
    }

    @Test func aWrongEntryAwayFromTheKinksStillFails() throws {
        let registry = referenceRegistry { $0.register("multiclass-svm", OneEntryOffSVM.self) }
        let result = try grade(Self.kinkCase, with: registry)
        #expect(result.problem == .wrongGradient)
        #expect(result.reason?.hasPrefix("gradient[1, 2]") == true, "\(result.reason ?? "")")
    }

    @Test func aSignFlippedGradientFailsNamingTheOppositeSign() throws {
        let registry = referenceRegistry { $0.register("softmax", SignFlippedSoftmax.self) }
        let result = try grade(gradientCheckCase("softmax"), with: registry)
        #expect(result.problem == .wrongGradient)
        #expect(result.misconception?.contains("opposite sign") == true, "\(result.misconception ?? "")")
    }

    @Test func aGradientNotDividedByNFailsNamingTheMean() throws {
        let registry = referenceRegistry { $0.register("multiclass-svm", UndividedGradientSVM.self) }
        let result = try grade(gradientCheckCase("multiclass-svm"), with: registry)
        #expect(result.problem == .wrongGradient)
        // The known mistake, replayed at the case's inputs, is the submission's: its sentence is shown.
        #expect(result.misconception == "Your loss is the mean over samples but your gradient is not divided by N: ∂L/∂S = (per-sample gradient)/N.",
                "\(result.misconception ?? "")")
    }

    @Test func aGradientNotDividedByNOfNoKnownMistakeIsNamedByTheRatio() throws {
        // The squared hinge's catalogue has no such mistake: the ratio N itself is the evidence.
        let registry = referenceRegistry { $0.register("squared-hinge", UndividedGradientSquaredHinge.self) }
        let result = try grade(gradientCheckCase("squared-hinge"), with: registry)
        #expect(result.problem == .wrongGradient)
        #expect(result.misconception?.contains("N times too large") == true, "\(result.misconception ?? "")")
    }

    @Test func theLossIsDifferentiatedWithTheSubmissionsOwnLoss() throws {
        // A sum over samples is wrong, but its gradient is consistent with its own loss.
        let registry = referenceRegistry { $0.register("multiclass-svm", SummedSVM.self) }
        let result = try grade(gradientCheckCase("multiclass-svm"), with: registry)
        #expect(result.status == .passed, "\(result.reason ?? "")")
    }

    @Test func anExplicitSpecChecksOnlyItsInput() throws {
        var testCase = gradientCheckCase("triplet")
        testCase.check = .gradientCheck([GradientCheckSpec(input: "negatives", output: "gradientNegatives")])
        let result = try grade(testCase)
        #expect(result.status == .passed)
        #expect(result.comparisons.count == 1)
        #expect(result.comparisons.first?.quantity.hasPrefix("gradientNegatives") == true)
    }

    @Test func aFamilyWithoutAGradientIsACaseError() {
        let testCase = TestCase(name: "adam-gradient", component: "adam", check: .gradientCheck([]),
                                inputs: ["parameters": .normal(1, 2)])
        #expect(throws: CaseError.self) { try grade(testCase) }
    }
}

@Suite("Gradient checks that must not be fooled")
struct GradientCheckRobustnessTests {
    @Test func aNaNGradientAtAKinkFails() throws {
        let registry = referenceRegistry { $0.register("multiclass-svm", NaNAtKinkSVM.self) }
        let result = try grade(GradientCheckTests.kinkCase, with: registry)
        #expect(result.status == .failed, "NaN passed: \(result.comparisons.first?.got ?? "")")
        #expect(result.problem == .nonFinite)
    
    }

    @Test func aZeroGradientOfASinglePrecisionLossFails() throws {
        let registry = referenceRegistry { $0.register("softmax", SinglePrecisionZeroGradientSoftmax.self) }
        let result = try grade(gradientCheckCase("softmax"), with: registry)
        #expect(result.status == .failed, "\(result.comparisons.first?.quantity ?? "")")
    }

    @Test func aCheckThatLeavesOutEveryEntryDoesNotPass() throws {
        // At W = 0 every entry of Σ |W| is a kink; a gradient of 5 is no subgradient of |w| there.
        let testCase = TestCase(name: "l1-at-zero", component: "l1-regularization", check: everyGradientCheck(of: "l1-regularization"),
                                inputs: ["weights": .matrix([[0, 0, 0], [0, 0, 0]])])
        let result = try grade(testCase, with: referenceRegistry { $0.register("l1-regularization", ConstantGradientL1Regularization.self) })
        #expect(result.status != .passed, "\(result.comparisons.first?.quantity ?? "")")
    
    }
}
