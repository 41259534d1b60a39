import ComponentRuntime
import GradeKit

/// Checks a family's ``ShapeRule``s on what is known of a case's inputs before they are
/// generated, reporting each rule that fails with what to write instead.
struct ShapeRuleChecker {
    /// What is known of each input, by name.
    let shapes: [String: InputShape]
    /// The assignment's components, for rules that name one.
    let components: [ComponentSpec]
    /// `case 'name'`, for messages.
    let what: String
    /// The component checked, for messages.
    let component: String
    /// Where an input was written.
    let location: (String) -> SourceLocation
    /// Reports a problem and its suggestion.
    let report: (SourceLocation, String, String?) -> Void

    func check(_ rule: ShapeRule) {
        switch rule {
        case .sameShape(let ports): sameShape(ports.map(\.name))
        case .onePerRow(let list, let matrix, let noun): onePerRow(list.name, of: matrix.name, noun: noun)
        case .classIndices(let list, let matrix): classIndices(list.name, columnsOf: matrix.name)
        case .binary(let list, let meaning): binary(list.name, meaning: meaning)
        case .columns(let matrix, let columns, let meaning, let example): self.columns(matrix.name, columns, meaning: meaning, example: example)
        case .innerDimension(let x, let w): inner(x.name, w.name)
        case .single(let list, let minimum, let meaning): single(list.name, minimum: minimum, meaning: meaning)
        case .nonNegative(let list, let noun, let advice): nonNegative(list.name, noun: noun, advice: advice)
        case .eachShapedLike(let list, let matrix, let noun): eachShapedLike(list.name, matrix.name, noun: noun)
        case .testFunction(let text, let point): testFunction(text.name, point: point.name)
        case .component(let text, let family): component(text.name, of: family)
        }
    }

    private func sameShape(_ names: [String]) {
        guard let first = names.first, let reference = shapes[first]?.matrix else { return }
        for name in names.dropFirst() {
            guard let shape = shapes[name]?.matrix, shape != reference else { continue }
            report(location(name), "\(name) of \(what) is \(InputShape.describe(shape)), but \(first) is \(InputShape.describe(reference))",
                   "give \(name) the shape of \(first)")
        }
    }

    private func onePerRow(_ listName: String, of matrixName: String, noun: String) {
        guard let rows = shapes[matrixName]?.matrix?.rows, let count = shapes[listName]?.count, count != rows else { return }
        report(location(listName), "\(listName) of \(what) has \(count) entries, but \(matrixName) has \(rows) rows",
               "give one \(noun) per row of \(matrixName)")
    }

    private func classIndices(_ listName: String, columnsOf matrixName: String) {
        guard let shape = shapes[listName], let classes = shapes[matrixName]?.matrix?.columns else { return }
        if let bad = shape.integers?.first(where: { !(0..<classes).contains($0) }) {
            report(location(listName), "label \(bad) of \(what) is outside 0..<\(classes) (\(matrixName) has \(classes) columns)",
                   "labels are class indices 0 to \(classes - 1)")
        }
        if let generated = shape.classes, generated > classes {
            report(location(listName), "the labels generator of \(what) has \(generated) classes, but \(matrixName) has \(classes) columns",
                   "write classes: \(classes)")
        }
    }

    private func binary(_ listName: String, meaning: String) {
        guard let shape = shapes[listName] else { return }
        if let bad = shape.integers?.first(where: { $0 != 0 && $0 != 1 }) {
            report(location(listName), "\(listName) of \(what) must be 0 or 1 (\(meaning)), got \(bad)", "write only 0 and 1")
        }
        if let generated = shape.classes, generated > 2 {
            report(location(listName), "\(listName) of \(what) must be 0 or 1 (\(meaning)), but the generator has \(generated) classes",
                   "write classes: 2")
        }
    }

    private func columns(_ matrixName: String, _ columns: Int, meaning: String, example: String) {
        guard let shape = shapes[matrixName]?.matrix, shape.columns != columns else { return }
        report(location(matrixName), "\(matrixName) of \(component) \(what) must be \(meaning), got \(InputShape.describe(shape))", example)
    }

    /// X N×D against W D×C.
    private func inner(_ xName: String, _ wName: String) {
        guard let x = shapes[xName]?.matrix, let w = shapes[wName]?.matrix, x.columns != w.rows else { return }
        report(location(wName), "\(wName) of \(what) is \(InputShape.describe(w)), but \(xName) is \(InputShape.describe(x)), so \(wName) needs \(x.columns) rows",
               "make \(wName) \(x.columns)×C for \(xName) N×\(x.columns)")
    }

    private func single(_ name: String, minimum: Int, meaning: String) {
        guard let shape = shapes[name] else { return }
        if let values = shape.integers, values.count == 1, values[0] >= minimum { return }
        if shape.integers == nil && shape.count == 1 && minimum <= 0 { return }
        report(location(name), "\(name) of \(what) must be one integer ≥ \(minimum) in a list (\(meaning))", "write e.g. \(name): [50]")
    }

    private func nonNegative(_ name: String, noun: String, advice: String) {
        if let bad = shapes[name]?.integers?.first(where: { $0 < 0 }) {
            report(location(name), "\(noun) \(bad) of \(what) is negative", advice)
        }
    }

    private func eachShapedLike(_ listName: String, _ matrixName: String, noun: String) {
        guard let p = shapes[matrixName]?.matrix, let list = shapes[listName],
              let (k, shape) = list.matrixShapes.enumerated().first(where: { $0.element != p }) else { return }
        report(location(listName), "\(noun) \(k + 1) of \(what) is \(InputShape.describe(shape)), but \(matrixName) is \(InputShape.describe(p))",
               "give every \(noun) the shape of the \(matrixName)")
    }

    private func testFunction(_ name: String, point matrix: String) {
        guard let functionName = shapes[name]?.text else { return }
        guard let function = TestFunction.named(functionName) else {
            report(location(name), "unknown function '\(functionName)' for \(name) of \(what)",
                   NameSuggestion.suggestion(for: functionName, among: TestFunction.all.map(\.name), noun: "test functions"))
            return
        }
        if let required = function.requiredCount, let shape = shapes[matrix]?.matrix, shape.rows * shape.columns != required {
            report(location(matrix), "\(matrix) of \(what) has \(shape.rows * shape.columns) entries, but \(functionName) takes \(required)",
                   "write e.g. \(matrix): [[" + (1...required).map(String.init).joined(separator: ", ") + "]]")
        }
    }

    private func component(_ name: String, of family: ComponentFamily) {
        guard let chosen = shapes[name]?.text else { return }
        let candidates = components.filter { $0.family == family }.map(\.name)
        if !candidates.contains(chosen) {
            report(location(name), "\(name) '\(chosen)' of \(what) is not a \(family.rawValue) component of the assignment",
                   NameSuggestion.suggestion(for: chosen, among: candidates))
        }
    }
}
