import Foundation
import AssignmentFormat
import ComponentRuntime

/// One case file rewritten for a student kit: the cases students may not see are cut out
/// (with the comment lines right above them), and `reference` cases carry the reference's
/// outputs as `expected: {recorded: …}`, their generated inputs written out as literals.
///
/// The rewrite works on the text, so every comment and layout of the kept cases survives.
struct KitCaseFile {
    /// What happens to a case.
    enum Disposition {
        /// Copied as written.
        case keep
        /// Left out of the kit.
        case remove
        /// Rewritten with literal inputs and the reference's recorded outputs.
        case record(inputs: Values?, expected: Values, fingerprint: String?)
    }

    /// The file's text.
    let text: String
    /// Its cases, in any order.
    let cases: [TestCase]

    /// The rewritten text.
    func rewritten(_ disposition: (TestCase) -> Disposition) throws(CouldNotGrade) -> String {
        var lines = text.components(separatedBy: "\n")
        let ordered = cases.sorted { $0.location.line < $1.location.line }
        let starts = try ordered.map { testCase throws(CouldNotGrade) in try itemStart(of: testCase, in: lines) }
        // Work from the last case up, so earlier line numbers stay valid.
        for index in ordered.indices.reversed() {
            let testCase = ordered[index]
            let start = starts[index]
            let end = index + 1 < ordered.count ? starts[index + 1] : lines.count
            switch disposition(testCase) {
            case .keep: continue
            case .remove: lines.removeSubrange(start..<end)
            case .record(let inputs, let expected, let fingerprint):
                let block = Array(lines[start..<end])
                lines.replaceSubrange(start..<end, with: record(block, indent: testCase.location.column - 1,
                                                                inputs: inputs, expected: expected, fingerprint: fingerprint))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The first line of a case's list item, with the comment lines right above it.
    private func itemStart(of testCase: TestCase, in lines: [String]) throws(CouldNotGrade) -> Int {
        var start = testCase.location.line - 1
        guard start >= 0, start < lines.count else {
            throw CouldNotGrade(message: "\(testCase.location): cannot find case '\(testCase.name)' in its file")
        }
        while start > 0, !lines[start].drop(while: { $0 == " " }).hasPrefix("-") { start -= 1 }
        while start > 0, lines[start - 1].drop(while: { $0 == " " }).hasPrefix("#") { start -= 1 }
        return start
    }

    /// A case's lines without its `inputs` (when replaced) and `expected` fields, then the recorded ones.
    private func record(_ block: [String], indent: Int, inputs: Values?, expected: Values, fingerprint: String?) -> [String] {
        var replaced: Set<String> = ["expected"]
        if inputs != nil { replaced.insert("inputs") }
        var kept: [String] = []
        var skipping = false
        for line in block {
            let leading = line.prefix(while: { $0 == " " }).count
            let body = line.dropFirst(leading)
            if skipping, !body.isEmpty, leading > indent { continue }
            skipping = false
            let key = body.hasPrefix("- ") ? body.dropFirst(2) : body
            if leading == indent || (body.hasPrefix("- ") && leading + 2 == indent),
               let colon = key.firstIndex(of: ":"), replaced.contains(String(key[..<colon])), !body.hasPrefix("- ") {
                skipping = true
                continue
            }
            kept.append(line)
        }
        var insertAt = kept.count
        while insertAt > 0, kept[insertAt - 1].trimmingCharacters(in: .whitespaces).isEmpty { insertAt -= 1 }
        let pad = String(repeating: " ", count: indent)
        var added: [String] = []
        if let inputs {
            added.append(pad + "inputs:")
            for name in inputs.keys.sorted() { added.append(pad + "  \(name): " + YAMLLiteral.write(inputs[name]!)) }
        }
        added.append(pad + "expected:")
        added.append(pad + "  \(RecordedExpectation.key):    # the reference's outputs, recorded by grade release")
        for name in expected.keys.sorted() { added.append(pad + "    \(name): " + YAMLLiteral.write(expected[name]!)) }
        if let fingerprint {
            added.append(pad + "  \(RecordedExpectation.fingerprintKey): \(fingerprint)    # of the inputs generated from the case's seed")
        }
        kept.insert(contentsOf: added, at: insertAt)
        return kept
    }
}
