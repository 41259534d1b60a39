import AssignmentFormat
import ComponentRuntime
import GradeKit
import GradeResults
import Testing

/// What a case file's fields become in the model.
@Suite struct CaseParsingTests {
    @Test func literalMatrixAndLabelsBecomeValues() throws {
        let c = try TemporaryAssignment(cases: """
            component: multiclass-svm
            cases:
              - name: a
                kind: worked-example
                inputs:
                  scores: [[3.2, 5.1, -1.7], [1.3, 4.9, 2.0]]
                  labels: [0, 1]
                expected: {loss: 1.45}
            """).onlyCase()
        #expect(c.inputs["scores"] == .literal(.matrix(Matrix([[3.2, 5.1, -1.7], [1.3, 4.9, 2.0]]))))
        #expect(c.inputs["labels"] == .literal(.integers([0, 1])))
        #expect(c.check == .workedExample(expected: ["loss": .scalar(1.45)], logBase: nil))
        #expect(c.compare == ["loss"])
    }

    @Test func generatorsBecomeGeneratorSpecs() throws {
        let c = try TemporaryAssignment(cases: """
            component: adam
            cases:
              - name: a
                kind: reference
                inputs:
                  parameters: {uniform: [2, 3], low: -1, high: 1}
                  gradients: {normal_list: [4, 2, 3], scale: 0.5}
            """).onlyCase()
        #expect(c.inputs["parameters"] == .generated(.uniform(rows: 2, columns: 3, low: -1, high: 1)))
        #expect(c.inputs["gradients"] == .generated(.normalList(count: 4, rows: 2, columns: 3, scale: 0.5)))
        #expect(c.check == .reference(recorded: nil))
    }

    @Test func normalGeneratorDefaultsToMeanZeroScaleOne() throws {
        let c = try TemporaryAssignment(cases: """
            component: softmax
            cases:
              - {name: a, kind: reference, inputs: {scores: {normal: [5, 4]}, labels: {labels: 5, classes: 4}}}
            """).onlyCase()
        #expect(c.inputs["scores"] == .generated(.normal(rows: 5, columns: 4, mean: 0, scale: 1)))
        #expect(c.inputs["labels"] == .generated(.labels(count: 5, classes: 4)))
    }

    @Test func textAndStepsInputsBecomeTextAndIntegers() throws {
        let c = try TemporaryAssignment(cases: """
            component: adam
            cases:
              - {name: a, kind: reference, inputs: {parameters: [[1, 2]], objective: rosenbrock, steps: [50]}}
            """).onlyCase()
        #expect(c.inputs["objective"] == .literal(.text("rosenbrock")))
        #expect(c.inputs["steps"] == .literal(.integers([50])))
    }

    @Test func snakeCaseNamesMapToFieldAndInputNames() throws {
        let c = try TemporaryAssignment(cases: """
            component: adam
            cases:
              - name: a
                kind: reference
                hyperparameters: {learning_rate: 0.1, beta1: 0.8, decay_every: 5}
                inputs: {parameters: [[1]], gradients: [[[1]]]}
            """).onlyCase()
        #expect(c.hyperparameters == Hyperparameters(learningRate: 0.1, beta1: 0.8, decayEvery: 5))
    }

    @Test func fileDefaultsApplyAndCasesOverrideThemFieldByField() throws {
        let cases = try TemporaryAssignment(cases: """
            component: softmax
            defaults:
              kind: reference
              points: 2
              visibility: hidden
              tolerance: {rtol: 1e-3, atol: 1e-4}
              hyperparameters: {margin: 2, regularization: 0.5}
            cases:
              - {name: a, inputs: {scores: [[1, 2]], labels: [0]}}
              - {name: b, points: 3, tolerance: {atol: 0.5}, hyperparameters: {margin: 3}, inputs: {scores: [[1, 2]], labels: [0]}}
            """).load().cases
        #expect(cases[0].kind == .reference)
        #expect(cases[0].points == 2)
        #expect(cases[0].visibility == .hidden)
        #expect(cases[0].tolerance == Tolerance(rtol: 1e-3, atol: 1e-4))
        #expect(cases[1].points == 3)
        #expect(cases[1].tolerance == Tolerance(rtol: 1e-3, atol: 0.5))
        #expect(cases[1].hyperparameters == Hyperparameters(margin: 3, regularization: 0.5))
    }

    @Test func caseLocationIsItsNameKey() throws {
        let c = try TemporaryAssignment(cases: """
            # a comment
            component: softmax
            cases:
              - kind: reference
                name: a
                inputs: {scores: [[1, 2]], labels: [0]}
            """).onlyCase()
        #expect(c.location == AssignmentFormat.SourceLocation(file: "cases/c.yaml", line: 5, column: 5))
    }

    @Test func seedIsStableAndDiffersBetweenNamesWhenNotWritten() throws {
        let cases = try TemporaryAssignment(cases: """
            component: softmax
            cases:
              - {name: a, kind: reference, inputs: {scores: {normal: [2, 2]}, labels: [0, 1]}}
              - {name: b, kind: reference, inputs: {scores: {normal: [2, 2]}, labels: [0, 1]}}
              - {name: c, kind: reference, seed: 7, inputs: {scores: {normal: [2, 2]}, labels: [0, 1]}}
            """).load().cases
        #expect(cases[0].seed != cases[1].seed)
        #expect(cases[2].seed == 7)
    }

    @Test func kindSpecificFieldsBecomeTheirSpecs() throws {
        let cases = try TemporaryAssignment(cases: """
            cases:
              - name: a
                component: softmax
                kind: worked-example
                log_base: 10
                inputs: {scores: [[3.2, 5.1, -1.7]], labels: [0]}
                expected: {loss: 0.89}
              - name: b
                component: contrastive
                kind: gradient-check
                inputs: {first: [[0, 1]], second: [[1, 1]], similar: [1]}
                gradient_check: {input: second, max_relative_error: 1e-5}
              - name: c
                component: sgd
                kind: convergence
                timeout: 20
                convergence: {samples: 300, features: 2, classes: 3, separation: 6, objective: linear-softmax, minimum_accuracy: 0.9}
              - name: d
                component: l2-regularization
                kind: property
                property: regularizer-preference
            """).load().cases
        #expect(cases[0].check == .workedExample(expected: ["loss": .scalar(0.89)], logBase: 10))
        #expect(cases[1].check == .gradientCheck([GradientCheckSpec(input: "second", output: "gradientSecond", step: 1e-5, maxRelativeError: 1e-5)]))
        #expect(cases[2].check == .convergence(ConvergenceSpec(samples: 300, features: 2, classes: 3, separation: 6,
                                                                objective: "linear-softmax", minimumAccuracy: 0.9)))
        #expect(cases[2].timeout == 20)
        #expect(cases[3].check == .property(.regularizerPreference, expected: nil))
        #expect(cases[3].inputs.isEmpty)
    }

    @Test func gradientCheckWithoutOptionsChecksEveryGradientOfTheFamily() throws {
        let c = try TemporaryAssignment(cases: """
            component: triplet
            cases:
              - {name: a, kind: gradient-check, inputs: {anchors: [[0, 1]], positives: [[1, 1]], negatives: [[2, 0]]}}
            """).onlyCase()
        #expect(c.check == .gradientCheck([
            GradientCheckSpec(input: "anchors", output: "gradientAnchors"),
            GradientCheckSpec(input: "positives", output: "gradientPositives"),
            GradientCheckSpec(input: "negatives", output: "gradientNegatives"),
        ]))
    }

    @Test func metadataSetsTitleTimeoutStarterAndComponentOrder() throws {
        let assignment = try TemporaryAssignment([
            "assignment.yaml": """
                title: "Assignment 9: Things"
                default_timeout: 4
                starter: code
                components:
                  - {name: zeta, title: Zeta, family: regularizer}
                  - {name: alpha, title: Alpha, family: optimizer}
                """,
        ]).load()
        #expect(assignment.id == "gallery")
        #expect(assignment.title == "Assignment 9: Things")
        #expect(assignment.defaultTimeout == 4)
        #expect(assignment.starterPath == "code")
        #expect(assignment.components == [ComponentSpec(name: "zeta", title: "Zeta", family: .regularizer),
                                          ComponentSpec(name: "alpha", title: "Alpha", family: .optimizer)])
    }

    @Test func caseFilesLoadInNameOrderByDefault() throws {
        let cases = try TemporaryAssignment([
            "cases/b.yaml": "component: softmax\ncases:\n  - {name: second, kind: reference, inputs: {scores: [[1, 2]], labels: [0]}}\n",
            "cases/a.yaml": "component: softmax\ncases:\n  - {name: first, kind: reference, inputs: {scores: [[1, 2]], labels: [0]}}\n",
        ]).load().cases
        #expect(cases.map(\.name) == ["first", "second"])
    }
}
