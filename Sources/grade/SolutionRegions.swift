import Foundation

/// The solution regions of a reference file, and the file without them: the starter's version.
///
/// As nbgrader's and Otter-Grader's, a region is the lines between `// BEGIN SOLUTION` and
/// `// END SOLUTION`, each alone on its line. In the starter a region inside a function becomes
/// `notImplemented("Type.function")`, which the grader reports as "not implemented"; a region
/// outside any function (a helper, or a property only the solution uses) or in an initializer
/// (setting such a property) is left out. A line
/// `// STARTER: text` inside a region is kept as the comment `// text`, for a hint.
struct SolutionRegions {
    /// The line that opens a region.
    static let begin = "// BEGIN SOLUTION"
    /// The line that closes a region.
    static let end = "// END SOLUTION"
    /// What starts a kept line inside a region.
    static let starterPrefix = "// STARTER:"

    /// A region that does not close, or one inside another.
    struct Problem: Error, CustomStringConvertible {
        /// `File.swift:12: …`.
        let description: String
    }

    /// The starter's text of `text`, and how many regions it had.
    static func strip(_ text: String, file: String) throws(Problem) -> (text: String, regions: Int) {
        var scopes: [Scope] = []
        var pending: Scope?
        var out: [String] = []
        var regions = 0
        var opened: Int?
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let start = opened {
                if trimmed == begin { throw Problem(description: "\(file):\(index + 1): a solution region opens inside the one of line \(start + 1)") }
                if trimmed == end { opened = nil; continue }
                if trimmed.hasPrefix(starterPrefix) {
                    let indent = line.prefix { $0 == " " || $0 == "\t" }
                    out.append(indent + "//" + trimmed.dropFirst(starterPrefix.count))
                }
                continue
            }
            if trimmed == end { throw Problem(description: "\(file):\(index + 1): \(end) without \(begin)") }
            if trimmed == begin {
                opened = index
                regions += 1
                let function = scopes.last { if case .function = $0 { true } else { false } }
                // Outside a function, or in an initializer (setting what the solution stores), it is left out.
                guard case .function(let name) = function, name != "init" else { continue }
                let type = scopes.last { if case .type = $0 { true } else { false } }
                let owner = if case .type(let typeName) = type { typeName + "." } else { "" }
                let indent = line.prefix { $0 == " " || $0 == "\t" }
                out.append(indent + "notImplemented(\"\(owner)\(name)\")")
                continue
            }
            out.append(String(line))
            track(code(of: trimmed), in: &scopes, pending: &pending)
        }
        if let start = opened { throw Problem(description: "\(file):\(start + 1): \(begin) without \(end)") }
        return (out.joined(separator: "\n"), regions)
    }

    /// What a `{` opens.
    private enum Scope { case type(String), function(String), block }

    /// `scopes` after the code of one line: each `{` opens the declaration the line makes (the
    /// first brace) or a block, each `}` closes the innermost.
    /// A declaration whose `{` is on a later line (a signature over several lines) stays
    /// `pending` until that brace.
    private static func track(_ code: String, in scopes: inout [Scope], pending: inout Scope?) {
        let declared: Scope? = if let name = name(after: ["func"], in: code) { .function(name) }
            else if code.range(of: #"(^|\s)init[?!]?\s*\("#, options: .regularExpression) != nil { .function("init") }
            else if let name = name(after: ["struct", "class", "enum", "extension", "actor"], in: code) { .type(name) }
            else { nil }
        if let declared { pending = declared }
        for character in code {
            if character == "{" { scopes.append(pending ?? .block); pending = nil }
            if character == "}", !scopes.isEmpty { scopes.removeLast() }
        }
    }

    /// A line without its string literals and its `//` comment.
    private static func code(of line: String) -> String {
        var out = ""
        var inString = false
        var previous: Character = " "
        for character in line {
            if character == "\"" && previous != "\\" { inString.toggle(); previous = character; continue }
            if !inString {
                if character == "/" && previous == "/" { out.removeLast(); break }
                out.append(character)
            }
            previous = character
        }
        return out
    }

    /// The identifier after the first of `keywords` on the line: `struct Adam: Optimizer {` → `Adam`.
    private static func name(after keywords: [String], in code: String) -> String? {
        let words = code.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "_" })
        for (index, word) in words.enumerated() where keywords.contains(String(word)) && index + 1 < words.count {
            return String(words[index + 1])
        }
        return nil
    }
}
