import ComponentRuntime
import Foundation
import Yams

/// One YAML file of an assignment, read into nodes that remember their line and column,
/// with typed readers that report a problem instead of failing.
struct YAMLFile {
    /// The path reported in problems, relative to the assignment folder.
    let path: String
    /// Where problems go.
    let log: ProblemLog

    /// A mapping's entries with their key nodes, keys as written.
    struct Fields {
        /// The entries in file order.
        var entries: [(key: String, keyNode: Node, value: Node)]
        /// The node the mapping starts at.
        var node: Node

        /// The value of `key`, if present.
        subscript(key: String) -> Node? { entries.first { $0.key == key }?.value }

        /// The key node of `key`, if present.
        func keyNode(_ key: String) -> Node? { entries.first { $0.key == key }?.keyNode }

        /// Whether `key` is present.
        func has(_ key: String) -> Bool { entries.contains { $0.key == key } }
    }

    /// The location of a node in this file.
    func location(_ node: Node?) -> SourceLocation {
        guard let mark = node?.mark else { return SourceLocation(file: path, line: 0, column: 0) }
        return SourceLocation(file: path, line: mark.line, column: mark.column)
    }

    /// The root node of `text`, or nil after reporting a syntax problem (nil too for an empty file).
    func compose(_ text: String) -> Node? {
        do {
            return try Yams.compose(yaml: text)
        } catch let error as YamlError {
            report(error)
            return nil
        } catch {
            log.report(SourceLocation(file: path, line: 1, column: 1), "cannot read YAML: \(error)")
            return nil
        }
    }

    private func report(_ error: YamlError) {
        let fix = "check the indentation, the colons and the quotes here"
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: path, line: mark.line, column: mark.column) }
        func context(_ context: YamlError.Context?) -> String {
            context.map { " (\($0.text) at line \($0.mark.line), column \($0.mark.column))" } ?? ""
        }
        switch error {
        case let .scanner(ctx, problem, mark, _), let .parser(ctx, problem, mark, _), let .composer(ctx, problem, mark, _):
            log.report(at(mark), "YAML syntax error: \(problem)\(context(ctx))", suggestion: fix)
        case let .duplicatedKeysInMapping(duplicates, ctx):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            log.report(at(ctx.mark), "duplicate key \(keys) in one mapping", suggestion: "write each key once")
        case let .reader(problem, _, _, _):
            log.report(SourceLocation(file: path, line: 1, column: 1), "cannot read YAML: \(problem)",
                       suggestion: "save the file as UTF-8")
        default:
            log.report(SourceLocation(file: path, line: 1, column: 1), "cannot read YAML: \(error)")
        }
    }

    /// The entries of a mapping, reporting a node that is not a mapping and every key not in
    /// `allowed` (with the nearest allowed key). `aliases` maps other spellings to allowed keys.
    func fields(_ node: Node, of what: String, allowed: [String], aliases: [String: String] = [:],
                example: String? = nil) -> Fields? {
        guard case .mapping(let mapping) = node else {
            log.report(location(node), "\(what) must be a mapping of fields, got \(rendering(node))",
                       suggestion: example.map { "write e.g. \($0)" } ?? "write 'key: value' lines")
            return nil
        }
        var fields = Fields(entries: [], node: node)
        var seen: [String: Node] = [:]
        for (keyNode, value) in merged(mapping, of: what) {
            guard case .scalar(let scalar) = keyNode else {
                log.report(location(keyNode), "a key of \(what) must be a plain name")
                continue
            }
            let written = scalar.string
            // Extension fields, as in Compose files: a place for YAML anchors, never read.
            if written.hasPrefix("x-") { continue }
            let key = aliases[written] ?? written
            guard allowed.contains(key) else {
                let candidates = allowed + aliases.keys.sorted()
                var suggestion = NameSuggestion.suggestion(for: written, among: candidates, noun: "fields")
                if NameSuggestion.nearest(to: written, among: candidates) == nil {
                    suggestion = "use one of: " + allowed.joined(separator: ", ")
                }
                log.report(location(keyNode), "unknown field '\(written)' in \(what)", suggestion: suggestion)
                continue
            }
            if let first = seen[key] {
                log.report(location(keyNode), "field '\(key)' of \(what) is written twice (first at \(location(first)))",
                           suggestion: "keep one of them")
                continue
            }
            seen[key] = keyNode
            fields.entries.append((key, keyNode, value))
        }
        return fields
    }

    /// The pairs of `mapping` with YAML's merge keys applied: `<<: *anchor` (or a list of
    /// anchors) adds the anchored mapping's pairs whose keys the mapping does not write itself,
    /// an earlier anchor's before a later one's.
    private func merged(_ mapping: Node.Mapping, of what: String) -> [(Node, Node)] {
        var own: [(Node, Node)] = []
        var merges: [Node] = []
        for (key, value) in mapping {
            if case .scalar(let scalar) = key, scalar.string == "<<" {
                if case .sequence(let list) = value { merges += Array(list) } else { merges.append(value) }
            } else {
                own.append((key, value))
            }
        }
        guard !merges.isEmpty else { return own }
        var written = Set(own.compactMap { plainText($0.0) })
        var pairs = own
        for source in merges {
            guard case .mapping(let inner) = source else {
                log.report(location(source), "'<<' in \(what) merges a mapping, got \(rendering(source))",
                           suggestion: "write '<<: *name' where '&name' anchors a mapping of fields")
                continue
            }
            for (key, value) in merged(inner, of: what) where !written.contains(plainText(key) ?? "") {
                written.insert(plainText(key) ?? "")
                pairs.append((key, value))
            }
        }
        return pairs
    }

    /// The text of a scalar as written, or nil for a mapping or sequence.
    func plainText(_ node: Node) -> String? {
        if case .scalar(let scalar) = node { return scalar.string }
        return nil
    }

    /// A short rendering of a node for messages.
    func rendering(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): "'\(scalar.string)'"
        case .mapping(let mapping): mapping.isEmpty ? "an empty mapping {}" : "a mapping"
        case .sequence(let sequence): sequence.isEmpty ? "an empty list []" : "a list of \(sequence.count)"
        case .alias: "an alias"
        }
    }

    /// A number, if `node` is a plain finite number; nil without reporting otherwise.
    func numberValue(_ node: Node) -> Double? {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return nil }
        let text = scalar.string.replacingOccurrences(of: "_", with: "")
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// An integer, if `node` is a plain integer; nil without reporting otherwise.
    func integerValue(_ node: Node) -> Int? {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return nil }
        return Int(scalar.string.replacingOccurrences(of: "_", with: ""))
    }

    /// A number, or nil after reporting that `what` must be one.
    func number(_ node: Node, _ what: String) -> Double? {
        if let value = numberValue(node) { return value }
        log.report(location(node), "\(what) must be a number, got \(rendering(node))", suggestion: "write a number such as 1e-6")
        return nil
    }

    /// An integer, or nil after reporting that `what` must be one.
    func integer(_ node: Node, _ what: String) -> Int? {
        if let value = integerValue(node) { return value }
        log.report(location(node), "\(what) must be an integer, got \(rendering(node))", suggestion: "write a whole number such as 3")
        return nil
    }

    /// A string, or nil after reporting that `what` must be one.
    func string(_ node: Node, _ what: String) -> String? {
        if case .scalar(let scalar) = node { return scalar.string }
        log.report(location(node), "\(what) must be text, got \(rendering(node))", suggestion: "write it on one line, quoted if it has a colon")
        return nil
    }

    /// The items of a list, or nil after reporting that `what` must be one.
    func list(_ node: Node, _ what: String, example: String) -> [Node]? {
        if case .sequence(let sequence) = node { return Array(sequence) }
        log.report(location(node), "\(what) must be a list, got \(rendering(node))", suggestion: "write e.g. \(example)")
        return nil
    }
}
