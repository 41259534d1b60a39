import AssignmentFormat
import ComponentRuntime
import GradeKit
import GradingEngine
import Testing

@Suite("InputGenerator")
struct InputGeneratorTests {
    static let generated = TestCase(
        name: "generated", component: "multiclass-svm", check: .reference(recorded: nil), seed: 17,
        inputs: ["scores": .normal(4, 3), "labels": .labels(4, classes: 3)])

    @Test func theSameSeedGivesTheSameInputs() {
        #expect(InputGenerator().inputs(for: Self.generated) == InputGenerator().inputs(for: Self.generated))
        #expect(InputGenerator(runSeed: 5).inputs(for: Self.generated) == InputGenerator(runSeed: 5).inputs(for: Self.generated))
    }

    @Test func aNormalInputIsTheMatrixOfItsSpecification() {
        var direct = SeededGenerator(seed: 99), generated = SeededGenerator(seed: 99)
        let expected = Matrix.normal(rows: 70, columns: 60, mean: 0.5, scale: 3, using: &direct)
        #expect(InputGenerator.generate(.normal(rows: 70, columns: 60, mean: 0.5, scale: 3), using: &generated) == .matrix(expected))
        #expect(generated.next() == direct.next())
    }

    @Test func aLargeNormalInputComesWithItsRecipeAndSmallOnesDoNot() throws {
        let testCase = TestCase(name: "large", component: "linear-svm", check: .reference(recorded: nil), seed: 5,
                                inputs: ["inputs": .normal(300, 250), "weights": .normal(250, 10), "labels": .labels(300, classes: 10)])
        let (inputs, drawn) = InputGenerator().drawn(for: testCase)
        #expect(inputs == InputGenerator().inputs(for: testCase))
        let recipe = try #require(drawn.first)
        #expect(drawn.count == 1)
        #expect(inputs["inputs"] == .matrix(recipe.matrix))
        var generator = SeededGenerator(seed: recipe.recipe.seed)
        #expect(Matrix.normal(rows: 300, columns: 250, mean: recipe.recipe.mean, scale: recipe.recipe.scale, using: &generator) == recipe.matrix)
        // The recipes the worker is asked to draw ahead are these, known before anything is drawn.
        #expect(InputGenerator().recipes(for: testCase) == [recipe.recipe])
        #expect(InputGenerator(runSeed: 3).recipes(for: testCase) == InputGenerator(runSeed: 3).drawn(for: testCase).recipes.map(\.recipe))
    }

    @Test func anotherRunSeedGivesOtherInputs() {
        let base = InputGenerator().inputs(for: Self.generated)
        let other = InputGenerator(runSeed: 1).inputs(for: Self.generated)
        #expect(base["scores"] != other["scores"])
        #expect(InputGenerator(runSeed: 1).inputs(for: Self.generated)["scores"] != InputGenerator(runSeed: 2).inputs(for: Self.generated)["scores"])
    }

    @Test func anotherCaseSeedGivesOtherInputs() {
        var other = Self.generated
        other.seed = 18
        #expect(InputGenerator().inputs(for: Self.generated)["scores"] != InputGenerator().inputs(for: other)["scores"])
    }

    @Test func runSeedZeroUsesTheCaseSeedAsWritten() {
        #expect(InputGenerator().seed(for: Self.generated) == 17)
        #expect(InputGenerator(runSeed: 3).seed(for: Self.generated) != 17)
    }

    @Test func literalInputsPassThroughUnchanged() {
        let testCase = TestCase(name: "literal", component: "multiclass-svm",
                                check: .workedExample(expected: ["loss": .scalar(15.8 / 3)], logBase: nil), seed: 9, inputs: lectureScores)
        for runSeed: UInt64 in [0, 1, 99] {
            let inputs = InputGenerator(runSeed: runSeed).inputs(for: testCase)
            #expect(inputs["scores"] == .matrix(Matrix([[3.2, 5.1, -1.7], [1.3, 4.9, 2.0], [2.2, 2.5, -3.1]])))
            #expect(inputs["labels"] == .integers([0, 1, 2]))
        }
    }

    @Test func aLiteralInputDoesNotChangeTheGeneratedOnes() {
        var testCase = Self.generated
        testCase.inputs["alpha"] = .matrix([[1, 2]])
        #expect(InputGenerator().inputs(for: testCase)["scores"] == InputGenerator().inputs(for: Self.generated)["scores"])
    }

    @Test func aGeneratedInputNamedLastDoesNotChangeTheOthers() {
        var testCase = Self.generated
        testCase.inputs["zeta"] = .normal(2, 2)
        let before = InputGenerator().inputs(for: Self.generated), after = InputGenerator().inputs(for: testCase)
        #expect(after["scores"] == before["scores"])
        #expect(after["labels"] == before["labels"])
    }

    @Test func aGeneratedInputNamedFirstDoesNotChangeTheOthers() {
        var testCase = Self.generated
        testCase.inputs["alpha"] = .normal(2, 2)
        let before = InputGenerator().inputs(for: Self.generated), after = InputGenerator().inputs(for: testCase)
        #expect(after["scores"] == before["scores"])
        #expect(after["labels"] == before["labels"])
    
    }

    @Test func generatedValuesHaveTheirShapesAndRanges() {
        let testCase = TestCase(
            name: "shapes", component: "multiclass-svm", check: .reference(recorded: nil), seed: 3,
            inputs: [
                "normal": .normal(5, 7),
                "uniform": .generated(.uniform(rows: 3, columns: 2, low: -2, high: -1)),
                "labels": .labels(50, classes: 4),
                "gradients": .gradients(3, 2, 5),
            ])
        let inputs = InputGenerator().inputs(for: testCase)
        guard case .matrix(let normal)? = inputs["normal"], case .matrix(let uniform)? = inputs["uniform"],
              case .integers(let labels)? = inputs["labels"], case .matrices(let gradients)? = inputs["gradients"] else {
            Issue.record("wrong kinds: \(inputs)")
            return
        }
        #expect(normal.rows == 5 && normal.columns == 7)
        #expect(uniform.rows == 3 && uniform.columns == 2)
        #expect(uniform.elements.allSatisfy { $0 >= -2 && $0 < -1 })
        #expect(labels.count == 50 && labels.allSatisfy { (0..<4).contains($0) })
        #expect(Set(labels).count == 4)
        #expect(gradients.count == 3 && gradients.allSatisfy { $0.rows == 2 && $0.columns == 5 })
    }

    @Test func normalSamplesHaveTheRequestedMeanAndScale() {
        var generator = SeededGenerator(seed: 1)
        let m = Matrix.normal(rows: 100, columns: 100, mean: 3, scale: 0.5, using: &generator)
        let mean = m.mean()
        let variance = m.map { ($0 - mean) * ($0 - mean) }.mean()
        #expect(Swift.abs(mean - 3) < 0.02)
        #expect(Swift.abs(variance.squareRoot() - 0.5) < 0.02)
    }

    @Test func blobsCycleTheLabelsAndAppendTheBiasColumn() {
        var generator = SeededGenerator(seed: 4)
        let data = InputGenerator.blobs(samples: 12, features: 3, classes: 4, separation: 6, using: &generator)
        #expect(data.inputs.rows == 12 && data.inputs.columns == 4)
        #expect(data.labels == (0..<12).map { $0 % 4 })
        #expect(data.inputs[column: 3].allSatisfy { $0 == 1 })
    }
}
