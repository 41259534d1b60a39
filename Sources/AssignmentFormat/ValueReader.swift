import ComponentRuntime
import GradeKit
import Yams

/// Reads literal values and generators of a kind from case-file nodes, reporting what does not fit.
struct ValueReader {
    typealias Kind = ValueKind

    /// The generator names case files use, and the fields each takes besides its own.
    static let generatorFields: [String: [String]] = [
        "normal": ["mean", "scale"],
        "uniform": ["low", "high"],
        "labels": ["classes"],
        "normal_list": ["scale"],
    ]
    /// The generator names in documentation order.
    static let generatorNames = ["normal", "uniform", "labels", "normal_list"]

    let file: YAMLFile

    /// The kind a node looks like when no signature says which is expected.
    func guessedKind(_ node: Node) -> Kind {
        switch node {
        case .scalar: return file.numberValue(node) != nil ? .scalar : .text
        case .sequence(let items):
            guard let first = items.first else { return .series }
            if case .sequence(let inner) = first {
                if let innermost = inner.first, case .sequence = innermost { return .matrices }
                return .matrix
            }
            return items.allSatisfy { file.integerValue($0) != nil } ? .integers : .series
        case .mapping, .alias: return .scalar
        }
    }

    /// How to write a value of `kind` named `name`: a literal, and a generator where one fits.
    static func example(_ kind: Kind, name: String) -> String {
        switch kind {
        case .matrix: "write e.g. \(name): [[1, 2], [3, 4]] or a generator {normal: [rows, columns]}"
        case .integers: "write e.g. \(name): [0, 2, 1] or a generator {labels: N, classes: C}"
        case .matrices: "write e.g. \(name): [[[1, 2]], [[3, 4]]] or a generator {normal_list: [count, rows, columns]}"
        case .scalar: "write e.g. \(name): 2.9"
        case .text: "write e.g. \(name): seed004-quadratic"
        case .series: "write e.g. \(name): [0.1, 0.05]"
        }
    }

    private func wrongKind(_ node: Node, _ kind: Kind, _ what: String, name: String) -> Value? {
        file.log.report(file.location(node), "\(what) must be \(kind.writtenForm), got \(file.rendering(node))",
                        suggestion: Self.example(kind, name: name))
        return nil
    }

    /// A literal of `kind`, or nil after reporting why not. `what` names it in messages
    /// (`input 'scores' of case 'x'`), `name` is the key it was written under.
    func literal(_ node: Node, kind: Kind, what: String, name: String) -> Value? {
        switch kind {
        case .scalar:
            guard let x = file.numberValue(node) else { return wrongKind(node, kind, what, name: name) }
            return .scalar(x)
        case .text:
            guard case .scalar(let scalar) = node else { return wrongKind(node, kind, what, name: name) }
            return .text(scalar.string)
        case .integers:
            guard case .sequence(let items) = node else { return wrongKind(node, kind, what, name: name) }
            var values: [Int] = []
            for item in items {
                guard let v = file.integerValue(item) else {
                    file.log.report(file.location(item), "\(file.rendering(item)) in \(what) is not an integer",
                                    suggestion: Self.example(kind, name: name))
                    return nil
                }
                values.append(v)
            }
            return .integers(values)
        case .series:
            guard let numbers = numbers(node, what: what) else { return wrongKind(node, kind, what, name: name) }
            return .series(numbers)
        case .matrix:
            guard case .sequence(let rows) = node, rows.allSatisfy({ if case .sequence = $0 { true } else { false } }),
                  !rows.isEmpty
            else {
                if case .sequence(let items) = node, !items.isEmpty, items.allSatisfy({ file.numberValue($0) != nil }) {
                    let row = items.compactMap { file.plainText($0) }.joined(separator: ", ")
                    file.log.report(file.location(node), "\(what) must be \(kind.writtenForm), got a single list",
                                    suggestion: "write one row as \(name): [[\(row)]]")
                    return nil
                }
                return wrongKind(node, kind, what, name: name)
            }
            return matrix(rows: Array(rows), what: what).map(Value.matrix)
        case .matrices:
            guard case .sequence(let items) = node, !items.isEmpty else { return wrongKind(node, kind, what, name: name) }
            var matrices: [Matrix] = []
            for (k, item) in items.enumerated() {
                guard case .sequence(let rows) = item, !rows.isEmpty,
                      rows.allSatisfy({ if case .sequence = $0 { true } else { false } })
                else {
                    file.log.report(file.location(item), "matrix \(k + 1) of \(what) must be \(Kind.matrix.writtenForm)",
                                    suggestion: Self.example(kind, name: name))
                    return nil
                }
                guard let m = matrix(rows: Array(rows), what: "matrix \(k + 1) of \(what)") else { return nil }
                matrices.append(m)
            }
            return .matrices(matrices)
        }
    }

    private func numbers(_ node: Node, what: String) -> [Double]? {
        guard case .sequence(let items) = node else { return nil }
        var values: [Double] = []
        for item in items {
            guard let x = file.numberValue(item) else {
                file.log.report(file.location(item), "\(file.rendering(item)) in \(what) is not a number",
                                suggestion: "write a finite number such as -1.7")
                return []
            }
            values.append(x)
        }
        return values
    }

    private func matrix(rows: [Node], what: String) -> Matrix? {
        var parsed: [[Double]] = []
        for (i, row) in rows.enumerated() {
            guard case .sequence(let items) = row else { return nil }
            var values: [Double] = []
            for item in items {
                guard let x = file.numberValue(item) else {
                    file.log.report(file.location(item), "\(file.rendering(item)) in \(what) is not a number",
                                    suggestion: "write a finite number such as -1.7")
                    return nil
                }
                values.append(x)
            }
            if values.isEmpty {
                file.log.report(file.location(row), "row \(i + 1) of \(what) is empty", suggestion: "give every row at least one number")
                return nil
            }
            if let first = parsed.first, first.count != values.count {
                file.log.report(file.location(row),
                                "row \(i + 1) of \(what) has \(values.count) numbers, but row 1 has \(first.count)",
                                suggestion: "give every row the same number of columns")
                return nil
            }
            parsed.append(values)
        }
        return Matrix(parsed)
    }

    /// The kind of value a generator makes.
    static func kind(of generator: Generator) -> Kind {
        switch generator {
        case .normal, .uniform: .matrix
        case .labels: .integers
        case .normalList: .matrices
        }
    }

    /// A generator written as a mapping, or nil after reporting why not.
    func generator(_ node: Node, what: String) -> Generator? {
        guard case .mapping(let mapping) = node else { return nil }
        let keys = mapping.keys.compactMap { file.plainText($0) }
        let names = keys.filter { Self.generatorFields[$0] != nil }
        guard names.count == 1, let name = names.first else {
            if names.count > 1 {
                file.log.report(file.location(node), "\(what) names more than one generator (\(names.joined(separator: ", ")))",
                                suggestion: "keep one of them")
                return nil
            }
            let parameters = Set(Self.generatorFields.values.flatMap { $0 })
            let unknown = mapping.keys.first { file.plainText($0).map { !parameters.contains($0) } ?? true } ?? mapping.keys.first
            let written = unknown.flatMap { file.plainText($0) } ?? ""
            file.log.report(file.location(unknown ?? node), "unknown generator '\(written)' for \(what)",
                            suggestion: NameSuggestion.suggestion(for: written, among: Self.generatorNames))
            return nil
        }
        guard let fields = file.fields(node, of: "generator '\(name)' of \(what)", allowed: [name] + Self.generatorFields[name]!)
        else { return nil }
        let generatorWhat = "'\(name)' of \(what)"
        func dimensions(_ count: Int, example: String) -> [Int]? {
            guard let items = file.list(fields[name]!, generatorWhat, example: example) else { return nil }
            let values = items.compactMap { file.integerValue($0) }
            guard items.count == count, values.count == count, values.allSatisfy({ $0 > 0 }) else {
                file.log.report(file.location(fields[name]!), "\(generatorWhat) must be \(count) positive integers",
                                suggestion: "write e.g. \(example)")
                return nil
            }
            return values
        }
        func optionalNumber(_ key: String, _ fallback: Double) -> Double? {
            guard let node = fields[key] else { return fallback }
            return file.number(node, "'\(key)' of \(what)")
        }
        switch name {
        case "normal":
            guard let shape = dimensions(2, example: "{normal: [5, 4], scale: 2}"),
                  let mean = optionalNumber("mean", 0), let scale = optionalNumber("scale", 1) else { return nil }
            return .normal(rows: shape[0], columns: shape[1], mean: mean, scale: scale)
        case "uniform":
            guard let shape = dimensions(2, example: "{uniform: [5, 4], low: -1, high: 1}"),
                  let low = optionalNumber("low", 0), let high = optionalNumber("high", 1) else { return nil }
            guard low < high else {
                file.log.report(file.location(node), "'low' of \(what) must be below 'high'", suggestion: "write e.g. low: -1, high: 1")
                return nil
            }
            return .uniform(rows: shape[0], columns: shape[1], low: low, high: high)
        case "labels":
            guard let count = file.integer(fields[name]!, generatorWhat) else { return nil }
            guard count > 0 else {
                file.log.report(file.location(fields[name]!), "\(generatorWhat) must be a positive count", suggestion: "write e.g. {labels: 5, classes: 3}")
                return nil
            }
            guard let classesNode = fields["classes"] else {
                file.log.report(file.location(node), "generator 'labels' of \(what) has no 'classes'",
                                suggestion: "write e.g. {labels: \(count), classes: 3}")
                return nil
            }
            guard let classes = file.integer(classesNode, "'classes' of \(what)") else { return nil }
            guard classes > 0 else {
                file.log.report(file.location(classesNode), "'classes' of \(what) must be positive", suggestion: "write e.g. classes: 3")
                return nil
            }
            return .labels(count: count, classes: classes)
        default:
            guard let shape = dimensions(3, example: "{normal_list: [50, 2, 5], scale: 1}"),
                  let scale = optionalNumber("scale", 1) else { return nil }
            return .normalList(count: shape[0], rows: shape[1], columns: shape[2], scale: scale)
        }
    }
}
