import ComponentRuntime
import GradeKit
import Yams

/// Checks that a case fits its kind and its component's family: the right inputs, of the
/// right kinds, with shapes that fit together, and outputs the family has.
struct CaseChecker {
    let components: [ComponentSpec]
    let log: ProblemLog

    /// Reports every problem of `parsed`.
    func check(_ parsed: ParsedCase) {
        if parsed.kindKnown { checkKind(parsed) }
        guard let spec = parsed.component else { return }
        checkInputNames(parsed, spec: spec)
        checkShapes(parsed, spec: spec)
        checkExpectedShapes(parsed)
    }

    private func report(_ location: SourceLocation, _ message: String, _ suggestion: String?) {
        log.report(location, message, suggestion: suggestion)
    }

    private func describe(_ spec: ComponentSpec) -> String { "\(spec.name) (\(spec.family.rawValue))" }

    // MARK: - The kind

    private func checkKind(_ parsed: ParsedCase) {
        let c = parsed.testCase
        let what = parsed.label
        let family = parsed.component?.family
        let expectedLocation = parsed.fields.keyNode("expected").map { parsed.file.location($0) } ?? c.location
        switch c.kind {
        case .workedExample:
            if case .literal(let values) = c.expected, !values.isEmpty { break }
            if parsed.fields.has("expected"), case .literal = c.expected { break }  // already reported, or empty
            report(expectedLocation, "worked-example \(what) has no literal 'expected' values",
                   "add e.g. expected: {loss: 2.9} with the lecture's value")
        case .reference:
            if case .literal = c.expected, !RecordedExpectation.isRecorded(parsed.fields["expected"]) {
                report(expectedLocation, "reference \(what) compares with the reference, so it takes no literal 'expected'",
                       "write expected: reference, or kind: worked-example")
            }
        case .property where c.property == .numericallyStable:
            // Compared with the reference by default; literal values (by hand, or recorded for
            // a student kit) stand in for it.
            break
        case .gradientCheck, .property, .convergence, .numericalGradient:
            if parsed.fields.has("expected") {
                report(expectedLocation, "'expected' has no use in \(c.kind.rawValue) \(what): the check computes its own verdict",
                       "remove 'expected'")
            }
        }
        guard let family, let spec = parsed.component else { return }
        switch c.kind {
        case .gradientCheck:
            guard CaseKind.differentiableFamilies.contains(family) else {
                report(parsed.location(of: "kind"), "gradient-check \(what) needs a loss or regularizer, and \(describe(spec)) has no gradient to check",
                       "use kind: reference")
                return
            }
            let signature = FamilySignature.of(family)
            let check = c.gradientCheck ?? GradientCheckSpec(
                input: signature.inputs.first { $0.kind == .matrix }!.name,
                output: CaseFileReader.gradientOutput(for: signature.inputs.first { $0.kind == .matrix }!.name, in: signature))
            let at = parsed.location(of: "gradient_check")
            let matrixInputs = signature.inputs.filter { $0.kind == .matrix }.map(\.name)
            if !matrixInputs.contains(check.input) {
                report(at, "'\(check.input)' in 'gradient_check' of \(what) is not a matrix input of \(describe(spec))",
                       NameSuggestion.suggestion(for: check.input, among: matrixInputs, noun: "matrix inputs"))
            }
            let gradients = signature.outputs.filter { $0.kind == .matrix }.map(\.name)
            if !gradients.contains(check.output) {
                report(at, "'\(check.output)' in 'gradient_check' of \(what) is not a gradient output of \(describe(spec))",
                       NameSuggestion.suggestion(for: check.output, among: gradients, noun: "gradient outputs"))
            }
        case .property:
            guard let property = c.property else {
                if !parsed.fields.has("property") {
                    report(c.location, "property \(what) names no 'property'",
                           "add 'property:' with one of: " + PropertyName.allCases.map(\.rawValue).joined(separator: ", "))
                }
                return
            }
            if !property.families.contains(family) {
                report(parsed.location(of: "property"), "property '\(property.rawValue)' does not apply to \(describe(spec)) in \(what)",
                       "it applies to " + property.families.map(\.rawValue).sorted().joined(separator: ", "))
            }
            if !property.takesInputs, parsed.fields.has("inputs") {
                report(parsed.location(of: "inputs"), "property '\(property.rawValue)' builds its own inputs, so 'inputs' in \(what) has no use",
                       "remove 'inputs'")
            }
        case .convergence:
            if family != .minibatchTrainer {
                report(parsed.location(of: "component"), "convergence \(what) needs a minibatch-trainer, and \(describe(spec)) is not one",
                       "use a component of family minibatch-trainer, such as sgd")
            }
            if !parsed.fields.has("convergence") {
                report(c.location, "convergence \(what) has no 'convergence'",
                       "add e.g. convergence: {samples: 300, features: 2, classes: 3, separation: 4, objective: linear-softmax, minimum_accuracy: 0.9}")
            }
        case .numericalGradient:
            if family != .numericalGradient {
                report(parsed.location(of: "kind"), "numerical-gradient \(what) needs a numerical-gradient component, and \(describe(spec)) is not one",
                       "use kind: reference or worked-example")
            }
        case .workedExample, .reference:
            break
        }
    }

    // MARK: - Input names

    private func checkInputNames(_ parsed: ParsedCase, spec: ComponentSpec) {
        let c = parsed.testCase
        let signature = FamilySignature.of(spec.family)
        let given = Set(parsed.inputNodes.keys)
        if c.kind == .convergence {
            if let node = parsed.inputsNode {
                report(parsed.file.location(node), "convergence \(parsed.label) takes no inputs: its dataset comes from 'convergence'",
                       "remove 'inputs'")
            }
            return
        }
        if c.kind == .property && given.isEmpty && !parsed.fields.has("inputs") { return }
        // The input set closest to what is written.
        let best = signature.inputSets.max { a, b in
            Set(a).intersection(given).count - a.count < Set(b).intersection(given).count - b.count
        }!
        let at = parsed.inputsNode.map { parsed.file.location($0) } ?? c.location
        for name in best where !given.contains(name) && !parsed.misspeltInputs.contains(name) {
            let port = signature.input(named: name)!
            report(at, "\(parsed.label) is missing input '\(name)' of \(describe(spec))",
                   "add \(name): \(port.kind.writtenForm) — \(port.summary)")
        }
        for name in given.sorted() where !best.contains(name) && signature.input(named: name) != nil {
            let sets = signature.inputSets.map { $0.joined(separator: ", ") }.joined(separator: "; or ")
            report(parsed.location(ofInput: name), "input '\(name)' of \(parsed.label) does not go with the others",
                   "\(describe(spec)) takes \(sets)")
        }
    }

    // MARK: - Shapes

    private func checkShapes(_ parsed: ParsedCase, spec: ComponentSpec) {
        var shapes: [String: InputShape] = [:]
        for (name, input) in parsed.testCase.inputs { shapes[name] = InputShape(input) }
        let what = parsed.label
        func at(_ name: String) -> SourceLocation { parsed.location(ofInput: name) }

        func sameShape(_ names: [String]) {
            guard let first = names.first, let reference = shapes[first]?.matrix else { return }
            for name in names.dropFirst() {
                guard let shape = shapes[name]?.matrix, shape != reference else { continue }
                report(at(name), "\(name) of \(what) is \(InputShape.describe(shape)), but \(first) is \(InputShape.describe(reference))",
                       "give \(name) the shape of \(first)")
            }
        }
        /// One entry per row of `matrixName`.
        func countMatches(_ listName: String, rowsOf matrixName: String, noun: String) {
            guard let rows = shapes[matrixName]?.matrix?.rows, let count = shapes[listName]?.count, count != rows else { return }
            report(at(listName), "\(listName) of \(what) has \(count) entries, but \(matrixName) has \(rows) rows",
                   "give one \(noun) per row of \(matrixName)")
        }
        /// Labels in `0..<classes`, the columns of `matrixName`.
        func labelsInRange(_ listName: String, classesFrom matrixName: String) {
            guard let shape = shapes[listName], let classes = shapes[matrixName]?.matrix?.columns else { return }
            if let bad = shape.integers?.first(where: { !(0..<classes).contains($0) }) {
                report(at(listName), "label \(bad) of \(what) is outside 0..<\(classes) (\(matrixName) has \(classes) columns)",
                       "labels are class indices 0 to \(classes - 1)")
            }
            if let generated = shape.classes, generated > classes {
                report(at(listName), "the labels generator of \(what) has \(generated) classes, but \(matrixName) has \(classes) columns",
                       "write classes: \(classes)")
            }
        }
        /// Values 0 or 1.
        func binary(_ listName: String, meaning: String) {
            guard let shape = shapes[listName] else { return }
            if let bad = shape.integers?.first(where: { $0 != 0 && $0 != 1 }) {
                report(at(listName), "\(listName) of \(what) must be 0 or 1 (\(meaning)), got \(bad)", "write only 0 and 1")
            }
            if let generated = shape.classes, generated > 2 {
                report(at(listName), "\(listName) of \(what) must be 0 or 1 (\(meaning)), but the generator has \(generated) classes",
                       "write classes: 2")
            }
        }
        /// `rowsName`'s rows equal `columnsName`'s columns: X N×D against W D×C.
        func inner(_ xName: String, _ wName: String) {
            guard let x = shapes[xName]?.matrix, let w = shapes[wName]?.matrix, x.columns != w.rows else { return }
            report(at(wName), "\(wName) of \(what) is \(InputShape.describe(w)), but \(xName) is \(InputShape.describe(x)), so \(wName) needs \(x.columns) rows",
                   "make \(wName) \(x.columns)×C for \(xName) N×\(x.columns)")
        }
        func single(_ name: String, minimum: Int, meaning: String) {
            guard let shape = shapes[name] else { return }
            if let values = shape.integers, values.count == 1, values[0] >= minimum { return }
            if shape.integers == nil && shape.count == 1 && minimum <= 0 { return }
            report(at(name), "\(name) of \(what) must be one integer ≥ \(minimum) in a list (\(meaning))", "write e.g. \(name): [50]")
        }
        func testFunction(_ name: String, matrix: String) {
            guard let functionName = shapes[name]?.text else { return }
            guard let function = TestFunction.named(functionName) else {
                report(at(name), "unknown function '\(functionName)' for \(name) of \(what)",
                       NameSuggestion.suggestion(for: functionName, among: TestFunction.all.map(\.name), noun: "test functions"))
                return
            }
            if let required = function.requiredCount, let shape = shapes[matrix]?.matrix, shape.rows * shape.columns != required {
                report(at(matrix), "\(matrix) of \(what) has \(shape.rows * shape.columns) entries, but \(functionName) takes \(required)",
                       "write e.g. \(matrix): [[" + (1...required).map(String.init).joined(separator: ", ") + "]]")
            }
        }

        switch spec.family {
        case .scoreLoss:
            countMatches("labels", rowsOf: "scores", noun: "label")
            if spec.name == "binary-cross-entropy" {
                if let s = shapes["scores"]?.matrix, s.columns != 1 {
                    report(at("scores"), "scores of binary-cross-entropy \(what) must be N×1 logits, got \(InputShape.describe(s))",
                           "write one logit a row, e.g. scores: [[2.0], [-1.0]]")
                }
                binary("labels", meaning: "the class of each logit")
            } else {
                labelsInRange("labels", classesFrom: "scores")
            }
        case .regressionLoss:
            sameShape(["predictions", "targets"])
        case .pairwiseLoss:
            sameShape(["first", "second"])
            countMatches("similar", rowsOf: "first", noun: "0/1 label")
            binary("similar", meaning: "1 for a positive pair, 0 for a negative pair")
        case .tripletLoss:
            sameShape(["anchors", "positives", "negatives"])
        case .distillationLoss:
            sameShape(["studentLogits", "teacherLogits"])
            countMatches("labels", rowsOf: "studentLogits", noun: "label")
            labelsInRange("labels", classesFrom: "studentLogits")
        case .regularizer:
            break
        case .linearObjective:
            inner("inputs", "weights")
            countMatches("labels", rowsOf: "inputs", noun: "label")
            labelsInRange("labels", classesFrom: "weights")
        case .numericalGradient:
            testFunction("function", matrix: "point")
        case .optimizer:
            if let p = shapes["parameters"]?.matrix, let g = shapes["gradients"] {
                for (k, shape) in g.matrixShapes.enumerated() where shape != p {
                    report(at("gradients"), "gradient \(k + 1) of \(what) is \(InputShape.describe(shape)), but parameters is \(InputShape.describe(p))",
                           "give every gradient the shape of the parameters")
                    break
                }
            }
            testFunction("objective", matrix: "parameters")
            single("steps", minimum: 1, meaning: "the number of steps")
        case .learningRateSchedule:
            if let bad = shapes["steps"]?.integers?.first(where: { $0 < 0 }) {
                report(at("steps"), "step \(bad) of \(what) is negative", "steps count from 0")
            }
        case .minibatchTrainer:
            inner("inputs", "weights")
            countMatches("labels", rowsOf: "inputs", noun: "label")
            labelsInRange("labels", classesFrom: "weights")
            single("seed", minimum: 0, meaning: "the sampler's seed")
            if let objective = shapes["objective"]?.text {
                let objectives = components.filter { $0.family == .linearObjective }.map(\.name)
                if !objectives.contains(objective) {
                    report(at("objective"), "objective '\(objective)' of \(what) is not a linear-objective component of the assignment",
                           NameSuggestion.suggestion(for: objective, among: objectives))
                }
            }
        }
    }

    /// Literal expected matrices have the shape of the input they are the gradient of, and an
    /// expected trajectory's matrices the shape of the parameters.
    private func checkExpectedShapes(_ parsed: ParsedCase) {
        guard case .literal(let expected) = parsed.testCase.expected, let signature = parsed.signature else { return }
        for (name, value) in expected {
            let at = parsed.expectedNodes[name].map { parsed.file.location($0.value) } ?? parsed.testCase.location
            guard let port = signature.output(named: name), port.kind.matches(value) || port.kind == .scalar else { continue }
            let inputName: String?
            if name == "trajectory" {
                inputName = "parameters"
            } else if name.hasPrefix("gradient") {
                let suffix = name.dropFirst("gradient".count)
                inputName = suffix.isEmpty
                    ? signature.inputs.first { $0.kind == .matrix }?.name
                    : suffix.prefix(1).lowercased() + suffix.dropFirst()
            } else {
                inputName = nil
            }
            guard let inputName, let input = parsed.testCase.inputs[inputName], let shape = InputShape(input).matrix else { continue }
            let got: [(rows: Int, columns: Int)]
            switch value {
            case .matrix(let m): got = [(m.rows, m.columns)]
            case .matrices(let ms): got = ms.map { ($0.rows, $0.columns) }
            default: got = []
            }
            if let bad = got.first(where: { $0 != shape }) {
                report(at, "expected '\(name)' of \(parsed.label) is \(InputShape.describe(bad)), but \(inputName) is \(InputShape.describe(shape))",
                       "give it the shape of \(inputName)")
            }
        }
    }
}
