import ComponentRuntime
import GradeKit
import Yams

/// Checks that a case fits its kind and its component's family: the right inputs, of the
/// right kinds, with shapes that fit together, and outputs the family has.
struct CaseChecker {
    let components: [ComponentSpec]
    let families: FamilyCatalog
    let log: ProblemLog

    /// Reports every problem of `parsed`.
    func check(_ parsed: ParsedCase) {
        if parsed.kindKnown { checkKind(parsed) }
        guard let spec = parsed.component, let descriptor = parsed.descriptor else { return }
        checkInputNames(parsed, spec: spec, descriptor: descriptor)
        checkShapes(parsed, spec: spec, descriptor: descriptor)
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
            if parsed.fields.has("expected"), case .literal = c.expected { break }  // already reported
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
        case .gradientCheck, .property, .convergence, .numericalGradient, .efficiency:
            if parsed.fields.has("expected") {
                report(expectedLocation, "'expected' has no use in \(c.kind.rawValue) \(what): the check computes its own verdict",
                       "remove 'expected'")
            }
        }
        guard let family, let spec = parsed.component, let signature = parsed.descriptor else { return }
        switch c.kind {
        case .gradientCheck:
            guard !signature.gradients.isEmpty else {
                report(parsed.location(of: "kind"), "gradient-check \(what) needs a loss or regularizer, and \(describe(spec)) has no gradient to check",
                       "use kind: reference")
                return
            }
            guard let check = c.gradientCheck else { return }  // every gradient of the family
            let at = parsed.location(of: "gradient_check")
            let matrixInputs = signature.matrixInputs
            if !matrixInputs.contains(check.input) {
                report(at, "'\(check.input)' in 'gradient_check' of \(what) is not a matrix input of \(describe(spec))",
                       NameSuggestion.suggestion(for: check.input, among: matrixInputs, noun: "matrix inputs"))
            }
            let gradients = signature.gradients.map(\.output.name)
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
            if !property.applies(to: signature) {
                report(parsed.location(of: "property"), "property '\(property.rawValue)' does not apply to \(describe(spec)) in \(what)",
                       "it applies to " + property.familyNames(in: families).joined(separator: ", "))
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
        case .efficiency:
            if !parsed.fields.has("efficiency") {
                report(c.location, "efficiency \(what) has no 'efficiency'", "add e.g. efficiency: {max_slowdown: 10}")
            }
            if signature.matrixInputs.isEmpty {
                report(parsed.location(of: "kind"), "efficiency \(what) needs a component with a matrix input, and \(describe(spec)) has none",
                       "use kind: reference")
            }
        case .workedExample, .reference:
            break
        }
    }

    // MARK: - Input names

    private func checkInputNames(_ parsed: ParsedCase, spec: ComponentSpec, descriptor signature: FamilyDescriptor) {
        let c = parsed.testCase
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

    /// Checks every rule of the family (or of the component's variant) on what is known of
    /// the inputs' shapes before they are generated.
    private func checkShapes(_ parsed: ParsedCase, spec: ComponentSpec, descriptor: FamilyDescriptor) {
        var shapes: [String: InputShape] = [:]
        for (name, input) in parsed.testCase.inputs { shapes[name] = InputShape(input) }
        let rules = ShapeRuleChecker(shapes: shapes, components: components, what: parsed.label, component: spec.name,
                                     location: { parsed.location(ofInput: $0) }, report: report)
        for rule in descriptor.shapeRules(variant: spec.variant) { rules.check(rule) }
    }

    /// Literal expected matrices have the shape of the input they are the gradient of, and an
    /// expected trajectory's matrices the shape of the parameters.
    private func checkExpectedShapes(_ parsed: ParsedCase) {
        guard case .literal(let expected) = parsed.testCase.expected, let descriptor = parsed.descriptor else { return }
        for (name, value) in expected {
            let at = parsed.expectedNodes[name].map { parsed.file.location($0.value) } ?? parsed.testCase.location
            guard let port = descriptor.output(named: name), port.kind.matches(value) || port.kind == .scalar else { continue }
            let inputName = descriptor.shapeSource(ofOutput: name)?.name
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
