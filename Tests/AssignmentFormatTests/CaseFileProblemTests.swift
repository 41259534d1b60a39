import AssignmentFormat
import Testing

/// Each kind of mistake in a case file yields one problem with its exact message and place.
@Suite struct CaseFileProblemTests {
    @Test func badYAMLReportsTheParserPosition() throws {
        try expectProblem("""
            component: multiclass-svm
            cases:
              - name: a
                inputs: {scores: [[1, 2]
            """,
            "cases/c.yaml:5:1: error: YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence at line 4, column 22); check the indentation, the colons and the quotes here")
    }

    @Test func aBareListIsToldToGoUnderCases() throws {
        try expectProblem("""
            - name: a
              component: multiclass-svm
              kind: reference
            """,
            "cases/c.yaml:1:1: error: cases/c.yaml is a bare list; a case file is a mapping whose cases go under 'cases:'; write 'cases:' on a line before the list (and 'component:' for a component every case shares)")
    }

    @Test func anEmptyListWhereAMappingBelongsSaysItIsEmpty() throws {
        try expectProblem("""
            component: multiclass-svm
            cases:
              - {name: a, kind: reference, tolerance: [], inputs: {scores: [[1, 2]], labels: [0]}}
            """,
            "cases/c.yaml:3:43: error: the tolerance of case 'a' must be a mapping of fields, got an empty list []; write e.g. {rtol: 1e-6, atol: 1e-9}")
    }

    @Test func unknownCaseFieldSuggestsTheNearestField() throws {
        try expectProblem("""
            component: multiclass-svm
            cases:
              - name: svm-cat-2.9
                kind: worked-example
                inputs: {scores: [[3.2, 5.1, -1.7]], labels: [0]}
                expected: {loss: 2.9}
                tolerence: {atol: 0.005}
            """,
            "cases/c.yaml:7:5: error: unknown field 'tolerence' in case 'svm-cat-2.9'; did you mean 'tolerance'?")
    }

    @Test func aHintConditionWithItsComponentSaysToDropTheComponent() throws {
        try expectProblem("""
            component: multiclass-svm
            cases:
              - name: svm-cat-2.9
                kind: worked-example
                inputs: {scores: [[3.2, 5.1, -1.7]], labels: [0]}
                expected: {loss: 2.9}
                hint: "Sum over j ≠ y_i."
                hint_when: [wrong-value, multiclass-svm/includes-correct-class]
            """,
            "cases/c.yaml:8:30: error: 'multiclass-svm/includes-correct-class' in 'hint_when' of case 'svm-cat-2.9' is neither a kind of failure nor a mistake name; name the mistake without its component: 'includes-correct-class'")
    }

    @Test func aHintConditionWithoutAHintAndAnErrorKindAreBothProblems() throws {
        let problems = try TemporaryAssignment(cases: """
            component: multiclass-svm
            cases:
              - name: svm-cat-2.9
                kind: worked-example
                inputs: {scores: [[3.2, 5.1, -1.7]], labels: [0]}
                expected: {loss: 2.9}
                hint_when: crash
            """).problems
        #expect(problems == [
            "cases/c.yaml:7:16: error: case 'svm-cat-2.9' has 'hint_when' but no 'hint'; add the hint it conditions, or remove 'hint_when'",
            "cases/c.yaml:7:16: error: 'crash' in 'hint_when' of case 'svm-cat-2.9' is neither a kind of failure nor a mistake name; write one of wrong-value, wrong-gradient, wrong-shape, non-finite, property-violated, did-not-converge, too-slow, or a known mistake of the component such as sum-over-samples",
        ])
    }

    @Test func aHintConditionOnAKindAndAMistakeIsRead() throws {
        let testCase = try TemporaryAssignment(cases: """
            component: multiclass-svm
            cases:
              - name: svm-cat-2.9
                kind: worked-example
                inputs: {scores: [[3.2, 5.1, -1.7]], labels: [0]}
                expected: {loss: 2.9}
                hint: "Sum over j ≠ y_i."
                hint_when: [wrong-gradient, includes-correct-class]
            """).onlyCase()
        #expect(testCase.hintWhen == [.problem(.wrongGradient), .mistake("includes-correct-class")])
    }

    @Test func unknownHyperparameterSuggestsTheNearestSpelling() throws {
        try expectProblem("""
            component: adam
            cases:
              - name: a
                kind: reference
                hyperparameters: {learning_rat: 0.1}
                inputs: {parameters: [[1, 2]], gradients: [[[1, 1]]]}
            """,
            "cases/c.yaml:5:23: error: unknown field 'learning_rat' in the hyperparameters of case 'a'; did you mean 'learning_rate'?")
    }

    @Test func unknownFileFieldListsTheAllowedOnes() throws {
        try expectProblem("""
            component: softmax
            setup: 3
            cases: []
            """,
            "cases/c.yaml:2:1: error: unknown field 'setup' in cases/c.yaml; use one of: component, defaults, cases")
    }

    @Test func unknownKindSuggestsTheNearestKind() throws {
        try expectProblem("""
            component: softmax
            cases:
              - name: a
                kind: worked-exemple
                inputs: {scores: [[1, 2]], labels: [0]}
                expected: {loss: 1}
            """,
            "cases/c.yaml:4:11: error: unknown kind 'worked-exemple' in case 'a'; did you mean 'worked-example'?")
    }

    @Test func unknownVisibilityListsTheVisibilities() throws {
        try expectProblem("""
            component: softmax
            cases:
              - name: a
                kind: reference
                visibility: secret
                inputs: {scores: [[1, 2]], labels: [0]}
            """,
            "cases/c.yaml:5:17: error: unknown visibility 'secret' in case 'a'; use one of: visible, hidden, after_due_date, after_published")
    }

    @Test func unknownPropertySuggestsTheNearestProperty() throws {
        try expectProblem("""
            component: softmax
            cases:
              - name: a
                kind: property
                property: numerically-stabel
                inputs: {scores: [[1000, 9]], labels: [0]}
            """,
            "cases/c.yaml:5:15: error: unknown property 'numerically-stabel' in case 'a'; did you mean 'numerically-stable'?")
    }

    @Test func unknownTestFunctionSuggestsTheNearestFunction() throws {
        try expectProblem("""
            component: numerical-gradient
            cases:
              - name: a
                kind: numerical-gradient
                inputs: {function: seed004-quadratik, point: [[1, 2]]}
            """,
            "cases/c.yaml:5:24: error: unknown function 'seed004-quadratik' for function of case 'a'; did you mean 'seed004-quadratic'?")
    }

    @Test func unknownGeneratorSuggestsTheNearestGenerator() throws {
        try expectProblem("""
            component: softmax
            cases:
              - name: a
                kind: reference
                inputs:
                  scores: {normel: [5, 4]}
                  labels: {labels: 5, classes: 4}
            """,
            "cases/c.yaml:6:16: error: unknown generator 'normel' for input 'scores' of case 'a'; did you mean 'normal'?")
    }

    @Test func unknownComponentSuggestsTheNearestComponent() throws {
        try expectProblem("""
            cases:
              - name: a
                component: multiclass-svn
                kind: reference
                inputs: {scores: [[1, 2]], labels: [0]}
            """,
            "cases/c.yaml:3:16: error: unknown component 'multiclass-svn' in case 'a'; did you mean 'multiclass-svm'?")
    }

    @Test func missingInputNamesTheInputAndItsForm() throws {
        try expectProblem("""
            component: multiclass-svm
            cases:
              - name: a
                kind: reference
                inputs: {scores: [[1, 2]]}
            """,
            "cases/c.yaml:5:5: error: case 'a' is missing input 'labels' of multiclass-svm (score-loss); add labels: a list of integers, e.g. [0, 2, 1] — y, N labels in 0..<C (0 or 1 for binary cross-entropy)")
    }

    @Test func unexpectedInputSuggestsTheNearestInput() throws {
        try expectProblem("""
            component: multiclass-svm
            cases:
              - name: a
                kind: reference
                inputs: {scores: [[1, 2]], label: [0]}
            """,
            "cases/c.yaml:5:32: error: unexpected input 'label' in case 'a': multiclass-svm (score-loss) takes scores, labels; did you mean 'labels'?")
    }

    @Test func inputOfTheWrongKindShowsHowToWriteIt() throws {
        try expectProblem("""
            component: multiclass-svm
            cases:
              - name: a
                kind: reference
                inputs: {scores: [[1, 2]], labels: 0}
            """,
            "cases/c.yaml:5:40: error: input 'labels' of case 'a' must be a list of integers, e.g. [0, 2, 1], got '0'; write e.g. labels: [0, 2, 1] or a generator {labels: N, classes: C}")
    }

    @Test func generatorOfTheWrongKindIsReported() throws {
        try expectProblem("""
            component: multiclass-svm
            cases:
              - name: a
                kind: reference
                inputs: {scores: {labels: 3, classes: 2}, labels: [0]}
            """,
            "cases/c.yaml:5:22: error: input 'scores' of case 'a' must be a matrix (a list of rows, e.g. [[1, 2], [3, 4]]), but the generator makes a list of integers, e.g. [0, 2, 1]; write e.g. scores: [[1, 2], [3, 4]] or a generator {normal: [rows, columns]}")
    }

    @Test func flatListForAMatrixSuggestsOneRow() throws {
        try expectProblem("""
            component: multiclass-svm
            cases:
              - name: a
                kind: reference
                inputs: {scores: [3.2, 5.1], labels: [0]}
            """,
            "cases/c.yaml:5:22: error: input 'scores' of case 'a' must be a matrix (a list of rows, e.g. [[1, 2], [3, 4]]), got a single list; write one row as scores: [[3.2, 5.1]]")
    }

    @Test func raggedRowsAreReportedAtTheShortRow() throws {
        try expectProblem("""
            component: multiclass-svm
            cases:
              - name: a
                kind: reference
                inputs:
                  scores:
                    - [1, 2, 3]
                    - [4, 5]
                  labels: [0, 1]
            """,
            "cases/c.yaml:8:11: error: row 2 of input 'scores' of case 'a' has 2 numbers, but row 1 has 3; give every row the same number of columns")
    }

    @Test func labelCountMustMatchScoreRows() throws {
        try expectProblem("""
            component: softmax
            cases:
              - name: a
                kind: reference
                inputs: {scores: {normal: [3, 4]}, labels: [0, 1]}
            """,
            "cases/c.yaml:5:48: error: labels of case 'a' has 2 entries, but scores has 3 rows; give one label per row of scores")
    }

    @Test func labelsMustBeClassIndices() throws {
        try expectProblem("""
            component: softmax
            cases:
              - name: a
                kind: reference
                inputs: {scores: [[1, 2, 3]], labels: [3]}
            """,
            "cases/c.yaml:5:43: error: label 3 of case 'a' is outside 0..<3 (scores has 3 columns); labels are class indices 0 to 2")
    }

    @Test func generatedLabelsMustFitTheClasses() throws {
        try expectProblem("""
            component: softmax
            cases:
              - name: a
                kind: reference
                inputs: {scores: {normal: [5, 4]}, labels: {labels: 5, classes: 5}}
            """,
            "cases/c.yaml:5:48: error: the labels generator of case 'a' has 5 classes, but scores has 4 columns; write classes: 4")
    }

    @Test func binaryCrossEntropyNeedsOneLogitARow() throws {
        try expectProblem("""
            component: binary-cross-entropy
            cases:
              - name: a
                kind: reference
                inputs: {scores: [[1, 2]], labels: [1]}
            """,
            "cases/c.yaml:5:22: error: scores of binary-cross-entropy case 'a' must be N×1 logits, got 1×2; write one logit a row, e.g. scores: [[2.0], [-1.0]]")
    }

    @Test func contrastiveLabelsMustBeZeroOrOne() throws {
        try expectProblem("""
            component: contrastive
            cases:
              - name: a
                kind: reference
                inputs: {first: [[0, 0]], second: [[1, 1]], similar: [2]}
            """,
            "cases/c.yaml:5:58: error: similar of case 'a' must be 0 or 1 (1 for a positive pair, 0 for a negative pair), got 2; write only 0 and 1")
    }

    @Test func predictionsAndTargetsMustHaveOneShape() throws {
        try expectProblem("""
            component: l2-loss
            cases:
              - name: a
                kind: reference
                inputs: {predictions: {normal: [3, 2]}, targets: {normal: [3, 1]}}
            """,
            "cases/c.yaml:5:54: error: targets of case 'a' is 3×1, but predictions is 3×2; give targets the shape of predictions")
    }

    @Test func tripletInputsMustHaveOneShape() throws {
        try expectProblem("""
            component: triplet
            cases:
              - name: a
                kind: reference
                inputs: {anchors: [[0, 0]], positives: [[1, 0]], negatives: [[1, 0, 0]]}
            """,
            "cases/c.yaml:5:65: error: negatives of case 'a' is 1×3, but anchors is 1×2; give negatives the shape of anchors")
    }

    @Test func linearObjectiveWeightsMustMatchTheFeatures() throws {
        try expectProblem("""
            component: linear-softmax
            cases:
              - name: a
                kind: reference
                inputs:
                  weights: {normal: [4, 3]}
                  inputs: {normal: [6, 5]}
                  labels: {labels: 6, classes: 3}
            """,
            "cases/c.yaml:6:16: error: weights of case 'a' is 4×3, but inputs is 6×5, so weights needs 5 rows; make weights 5×C for inputs N×5")
    }

    @Test func optimizerGradientsMustMatchTheParameters() throws {
        try expectProblem("""
            component: adam
            cases:
              - name: a
                kind: reference
                inputs: {parameters: [[1, 2]], gradients: {normal_list: [3, 2, 1]}}
            """,
            "cases/c.yaml:5:47: error: gradient 1 of case 'a' is 2×1, but parameters is 1×2; give every gradient the shape of the parameters")
    }

    @Test func workedExampleNeedsExpectedValues() throws {
        try expectProblem("""
            component: softmax
            cases:
              - name: a
                kind: worked-example
                inputs: {scores: [[1, 2]], labels: [0]}
            """,
            "cases/c.yaml:3:5: error: worked-example case 'a' has no literal 'expected' values; add e.g. expected: {loss: 2.9} with the lecture's value")
    }

    @Test func expectedKeysMustBeOutputsOfTheFamily() throws {
        try expectProblem("""
            component: softmax
            cases:
              - name: a
                kind: worked-example
                inputs: {scores: [[1, 2]], labels: [0]}
                expected: {los: 1.31}
            """,
            "cases/c.yaml:6:16: error: 'los' is not an output of softmax (score-loss) in case 'a'; did you mean 'loss'?")
    }

    @Test func duplicateCaseNamesPointAtBothPlaces() throws {
        let problems = try TemporaryAssignment([
            "cases/a.yaml": """
                component: softmax
                cases:
                  - {name: same, kind: reference, inputs: {scores: [[1, 2]], labels: [0]}}
                """,
            "cases/b.yaml": """
                component: softmax
                cases:
                  - {name: same, kind: reference, inputs: {scores: [[1, 2]], labels: [1]}}
                """,
        ]).problems
        #expect(problems == [
            "cases/b.yaml:3:6: error: duplicate case name 'same' (first at cases/a.yaml:3:6); rename one of them: case names are the stable ids of reports",
        ])
    }

    @Test func negativePointsAreReported() throws {
        try expectProblem("""
            component: softmax
            cases:
              - {name: a, kind: reference, points: -1, inputs: {scores: [[1, 2]], labels: [0]}}
            """,
            "cases/c.yaml:3:40: error: the points of case 'a' must not be negative, got -1; write 0 for an ungraded case, or a positive number")
    }

    @Test func toleranceMustBeANumber() throws {
        try expectProblem("""
            component: softmax
            cases:
              - {name: a, kind: reference, tolerance: {atol: small}, inputs: {scores: [[1, 2]], labels: [0]}}
            """,
            "cases/c.yaml:3:50: error: 'atol' in the tolerance of case 'a' must be a number, got 'small'; write e.g. atol: 0.005")
    }

    @Test func toleranceMustNotBeNegative() throws {
        try expectProblem("""
            component: softmax
            cases:
              - {name: a, kind: reference, tolerance: {rtol: -1e-6}, inputs: {scores: [[1, 2]], labels: [0]}}
            """,
            "cases/c.yaml:3:50: error: 'rtol' in the tolerance of case 'a' must not be negative, got -1e-6; write e.g. rtol: 1e-6")
    }

    @Test func timeoutMustBePositive() throws {
        try expectProblem("""
            component: softmax
            cases:
              - {name: a, kind: reference, timeout: 0, inputs: {scores: [[1, 2]], labels: [0]}}
            """,
            "cases/c.yaml:3:41: error: the timeout of case 'a' must be a positive number of seconds, got 0; write e.g. timeout: 5, or leave it out for the assignment's default")
    }

    @Test func propertyMustApplyToTheFamily() throws {
        try expectProblem("""
            component: adam
            cases:
              - name: a
                kind: property
                property: jiggle-invariance
            """,
            "cases/c.yaml:5:15: error: property 'jiggle-invariance' does not apply to adam (optimizer) in case 'a'; it applies to score-loss")
    }

    @Test func aGradientCheckNeedsAFamilyWithAGradient() throws {
        try expectProblem("""
            component: adam
            cases:
              - name: a
                kind: gradient-check
                inputs: {parameters: [[1, 2]], gradients: [[[1, 1]]]}
            """,
            "cases/c.yaml:4:11: error: gradient-check case 'a' needs a loss or regularizer, and adam (optimizer) has no gradient to check; use kind: reference")
    }

    @Test func aVariantMustBeOneOfTheFamilys() throws {
        let problems = try TemporaryAssignment([
            "assignment.yaml": "components:\n  - {name: softmax, title: Softmax, family: score-loss, variant: ternary}\n",
            "cases/c.yaml": "cases: []\n",
        ]).problems
        #expect(problems.contains { $0.contains("unknown variant 'ternary' of component 'softmax' (score-loss)") }, "\(problems)")
    }

    @Test func inputsOfAPropertyThatBuildsItsOwnAreRejected() throws {
        try expectProblem("""
            component: l2-regularization
            cases:
              - name: a
                kind: property
                property: regularizer-preference
                inputs: {weights: [[1, 0]]}
            """,
            "cases/c.yaml:6:13: error: property 'regularizer-preference' builds its own inputs, so 'inputs' in case 'a' has no use; remove 'inputs'")
    }

    @Test func unknownFamilyInAssignmentMetadataSuggestsTheNearest() throws {
        let problems = try TemporaryAssignment([
            "assignment.yaml": """
                title: T
                components:
                  - {name: svm, title: SVM, family: score-los}
                """,
        ]).problems
        #expect(problems == ["assignment.yaml:3:37: error: unknown family 'score-los' of component 'svm'; did you mean 'score-loss'?"])
    }

    @Test func withheldCasesIsReadAndAnUnknownRuleNamed() throws {
        let verdict = try TemporaryAssignment([
            "assignment.yaml": TemporaryAssignment.metadata + "withheld_cases: verdict\n",
            "cases/c.yaml": "component: softmax\ncases:\n  - {name: a, kind: property, property: uniform-scores-give-log-c}\n",
        ]).load()
        #expect(verdict.withheldCases == .verdict)
        let problems = try TemporaryAssignment([
            "assignment.yaml": "title: T\nwithheld_cases: names\ncomponents:\n  - {name: softmax, title: S, family: score-loss}\n",
        ]).problems
        #expect(problems == ["assignment.yaml:2:17: error: 'withheld_cases' must be 'place' or 'verdict', got 'names'; write withheld_cases: place (students see a hidden case's place and points) or verdict (its verdict too)"],
                "\(problems)")
    }

    @Test func aMergeKeyAddsTheAnchoredFieldsAndTheCasesOwnWin() throws {
        let assignment = try TemporaryAssignment(cases: """
            component: softmax
            x-batch: &batch
              kind: reference
              points: 3
              inputs: {scores: {normal: [3, 4]}, labels: {labels: 3, classes: 4}}
            cases:
              - <<: *batch
                name: a
                points: 2
              - {<<: *batch, name: b}
            """).load()
        #expect(assignment.cases.map(\.name) == ["a", "b"])
        #expect(assignment.cases.map(\.points) == [2, 3])
        #expect(assignment.cases.allSatisfy { $0.kind == .reference && $0.inputs.count == 2 })
    }

    @Test func aMergeKeyOfAScalarIsOneProblem() throws {
        try expectProblem("""
            component: softmax
            cases:
              - <<: 3
                name: a
                kind: property
                property: uniform-scores-give-log-c
            """,
            "cases/c.yaml:3:9: error: '<<' in case 'a' merges a mapping, got '3'; write '<<: *name' where '&name' anchors a mapping of fields")
    }

    @Test func everyProblemIsReportedAtOnce() throws {
        let problems = try TemporaryAssignment(cases: """
            component: softmax
            cases:
              - name: a
                kind: reference
                pionts: 2
                inputs: {scores: [[1, 2]], labels: [5]}
              - name: b
                kind: worked-example
                inputs: {scores: [[1, 2]], labels: [0]}
                timeout: -3
            """).problems
        #expect(problems == [
            "cases/c.yaml:5:5: error: unknown field 'pionts' in case 'a'; did you mean 'points'?",
            "cases/c.yaml:6:40: error: label 5 of case 'a' is outside 0..<2 (scores has 2 columns); labels are class indices 0 to 1",
            "cases/c.yaml:7:5: error: worked-example case 'b' has no literal 'expected' values; add e.g. expected: {loss: 2.9} with the lecture's value",
            "cases/c.yaml:10:14: error: the timeout of case 'b' must be a positive number of seconds, got -3; write e.g. timeout: 5, or leave it out for the assignment's default",
        ])
    }

    @Test func loadingThrowsEveryProblem() throws {
        let folder = try TemporaryAssignment(cases: """
            component: softmax
            cases:
              - {name: a, kind: reference, pionts: 2, inputs: {scores: [[1, 2]], labels: [0]}}
              - {name: b, kind: reference, timeout: 0, inputs: {scores: [[1, 2]], labels: [0]}}
            """)
        #expect(throws: AssignmentLoadError.self) { try AssignmentLoader.load(directory: folder.directory) }
        do {
            _ = try AssignmentLoader.load(directory: folder.directory)
        } catch {
            #expect(error.problems.count == 2)
            #expect(error.description.hasSuffix("2 problems in the assignment's files"))
        }
    }
}

/// A gradient check's `mode`: all, a sample or directions.
@Suite struct GradientCheckModeParsingTests {
    @Test func eachModeIsRead() throws {
        let cases = try TemporaryAssignment(cases: """
            component: multiclass-svm
            cases:
              - {name: a, kind: gradient-check, inputs: {scores: [[1, 2]], labels: [0]}, gradient_check: {mode: all}}
              - {name: b, kind: gradient-check, inputs: {scores: [[1, 2]], labels: [0]}, gradient_check: {mode: {sample: 10}}}
              - {name: c, kind: gradient-check, inputs: {scores: [[1, 2]], labels: [0]}, gradient_check: {mode: {directions: 8}}}
              - {name: d, kind: gradient-check, inputs: {scores: [[1, 2]], labels: [0]}}
            """).load().cases
        let modes = cases.map { testCase -> GradientCheckSpec.Mode?? in
            guard case .gradientCheck(let specs) = testCase.check else { return nil }
            return specs.first?.mode
        }
        #expect(modes == [.some(.all), .some(.sample(10)), .some(.directions(8)), .some(nil)])
    }

    @Test func theDefaultModeDependsOnTheSize() {
        let spec = GradientCheckSpec(input: "weights")
        #expect(spec.mode(forEntries: GradientCheckSpec.allEntriesUpTo) == .all)
        #expect(spec.mode(forEntries: GradientCheckSpec.allEntriesUpTo + 1) == .directions(GradientCheckSpec.defaultDirections))
        #expect(GradientCheckSpec(input: "weights", mode: .sample(3)).mode(forEntries: 10) == .sample(3))
    }

    @Test func aMisspeltModeSuggestsAll() throws {
        try expectProblem("""
            component: multiclass-svm
            cases:
              - {name: a, kind: gradient-check, inputs: {scores: [[1, 2]], labels: [0]}, gradient_check: {mode: al}}
            """,
            "cases/c.yaml:3:101: error: 'mode' of 'gradient_check' of case 'a' must be all, {sample: K} or {directions: K}, got 'al'; did you mean 'all'?")
    }

    @Test func aModeOfNoEntriesIsRefused() throws {
        try expectProblem("""
            component: multiclass-svm
            cases:
              - {name: a, kind: gradient-check, inputs: {scores: [[1, 2]], labels: [0]}, gradient_check: {mode: {sample: 0}}}
            """,
            "cases/c.yaml:3:110: error: 'sample' of 'mode' of 'gradient_check' of case 'a' must be at least 1, got 0; write e.g. mode: all, mode: {sample: 10} or mode: {directions: 8}")
    }

    @Test func aModeOfTwoKindsIsRefused() throws {
        try expectProblem("""
            component: multiclass-svm
            cases:
              - {name: a, kind: gradient-check, inputs: {scores: [[1, 2]], labels: [0]}, gradient_check: {mode: {sample: 2, directions: 2}}}
            """,
            "cases/c.yaml:3:101: error: 'mode' of 'gradient_check' of case 'a' names one of sample or directions; write e.g. mode: all, mode: {sample: 10} or mode: {directions: 8}")
    }
}
