import Foundation
import GradeResults

/// Turns the output of `swift build` on the generated worker package into what a student
/// can act on: diagnostics located in the submission's own files, and a short log.
struct CompilerLog: Sendable {
    /// The prefix of the generated copy of the submission's files, e.g.
    /// `/…/grade-workers/package/Sources/StudentSubmission/`, and any other spellings of it.
    var studentPrefixes: [String]
    /// The prefixes of the generated packages, to shorten other paths in the log.
    var packagePrefixes: [String]
    /// The generated file that calls `registerComponents(in:)`, relative to the package.
    var entryPointPath: String
    /// The submission's files compiled under another name: generated name to submission path.
    var renamedStudentFiles: [String: String] = [:]
    /// The submission's files, by path relative to the submission, with their text.
    var studentSources: [(path: String, text: String)]
    /// The most bytes the trimmed log keeps.
    var logLimit: Int

    /// The diagnostics in the submission's files, without duplicates, in output order.
    ///
    /// An error in the generated entry point means the submission does not provide
    /// `registerComponents(in:)` as the worker calls it; it is replaced by a diagnostic that
    /// says what to write, placed on the student's declaration when there is one.
    func diagnostics(in output: String) -> [Diagnostic] {
        var found: [Diagnostic] = []
        var seen = Set<String>()
        for line in output.split(separator: "\n", omittingEmptySubsequences: true) {
            if let module = Self.undeclaredImport(in: String(line)) {
                let diagnostic = importDiagnostic(module: module)
                if seen.insert(diagnostic.formatted).inserted { found.append(diagnostic) }
                continue
            }
            guard let raw = Self.parse(String(line)) else { continue }
            var diagnostic: Diagnostic
            if let relative = relativeStudentPath(raw.file) {
                diagnostic = Diagnostic(severity: raw.severity, file: relative, line: raw.line, column: raw.column, message: raw.message)
            } else if raw.file.hasSuffix(entryPointPath), raw.severity.isError {
                diagnostic = registrationDiagnostic(compilerMessage: raw.message)
            } else {
                continue
            }
            if seen.insert(diagnostic.formatted).inserted { found.append(diagnostic) }
        }
        return found
    }

    /// The output without SwiftPM's progress lines, with generated paths shortened, capped
    /// at ``logLimit`` bytes.
    func trimmed(_ output: String) -> String {
        var kept: [String] = []
        var seenDiagnostics = Set<String>()
        var skipping = false
        for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
            let text = String(line)
            if Self.isNoise(text) { continue }
            if let module = Self.undeclaredImport(in: text) {
                let replacement = importDiagnostic(module: module).formatted
                skipping = false
                if seenDiagnostics.insert(replacement).inserted { kept.append(replacement) }
                continue
            }
            if let diagnostic = Self.parse(text) {
                if diagnostic.file.hasSuffix(entryPointPath) {
                    // The generated entry point means nothing to a student: say what it needs instead.
                    let replacement = diagnostic.severity.isError ? registrationDiagnostic(compilerMessage: diagnostic.message).formatted : ""
                    skipping = true
                    if !replacement.isEmpty, seenDiagnostics.insert(replacement).inserted { kept.append(replacement) }
                    continue
                }
                // The compiler repeats a diagnostic for every job that type-checks the file.
                skipping = !seenDiagnostics.insert(text).inserted
            } else if !Self.isSnippet(text) {
                skipping = false
            }
            if skipping { continue }
            kept.append(shortened(text))
        }
        while kept.last?.isEmpty == true { kept.removeLast() }
        var log = kept.joined(separator: "\n")
        if log.utf8.count > logLimit {
            log = String(decoding: log.utf8.prefix(logLimit), as: UTF8.self) + "\n… (log truncated)"
        }
        return log
    }

    /// The submission's file compiled from `path`, a path in the generated package, with its text.
    func studentFile(atPath path: String) -> (path: String, text: String)? {
        guard let relative = relativeStudentPath(path) else { return nil }
        return studentSources.first { $0.path == relative }
    }

    private func relativeStudentPath(_ path: String) -> String? {
        for prefix in studentPrefixes where path.hasPrefix(prefix) {
            let generated = String(path.dropFirst(prefix.count))
            return renamedStudentFiles[generated] ?? generated
        }
        return nil
    }

    private func shortened(_ line: String) -> String {
        var text = line
        for prefix in studentPrefixes { text = text.replacingOccurrences(of: prefix, with: "") }
        for prefix in packagePrefixes { text = text.replacingOccurrences(of: prefix, with: "") }
        for (generated, original) in renamedStudentFiles { text = text.replacingOccurrences(of: generated, with: original) }
        return text
    }

    private func registrationDiagnostic(compilerMessage: String) -> Diagnostic {
        let required = "the submission must define `public func registerComponents(in registry: inout ComponentRegistry)` "
            + "that registers each component, e.g. `registry.register(\"multiclass-svm\", MulticlassSVM.self)`"
        for source in studentSources {
            for (index, line) in source.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where line.contains("func registerComponents") {
                let column = (line.utf8.count - line.drop { $0 == " " || $0 == "\t" }.utf8.count) + 1
                return Diagnostic(severity: .error, file: source.path, line: index + 1, column: column,
                                  message: "\(required); this declaration does not match (\(compilerMessage))")
            }
        }
        return Diagnostic(severity: .error, file: studentSources.first?.path ?? "", line: 1, column: 1,
                          message: "\(required); none was found")
    }

    /// The module named by SwiftPM's import check, which names no file:
    /// `error: Target StudentSubmission imports another target (ComponentRuntime) in the package
    /// without declaring it a dependency.`
    static func undeclaredImport(in line: String) -> String? {
        guard let match = line.firstMatch(of: /Target StudentSubmission imports another target \(([^)]+)\)/) else { return nil }
        return String(match.1)
    }

    /// An import of one of the grader's own modules, placed on the first student line that
    /// imports it (at the start of the first file when none is found, as with an import split
    /// over lines).
    private func importDiagnostic(module: String) -> Diagnostic {
        let message = "a submission cannot import \(module), which is the grader's own; "
            + "the protocols and types it may use are in GradeKit"
        let pattern = /^\s*(@\w+(\([^)]*\))?\s+)*(\w+\s+)?import\s+(\w+\s+)?(\w+)\b/
        for source in studentSources {
            for (index, line) in source.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                guard let match = line.firstMatch(of: pattern), match.5 == module else { continue }
                let column = (line.utf8.count - line.drop { $0 == " " || $0 == "\t" }.utf8.count) + 1
                return Diagnostic(severity: .error, file: source.path, line: index + 1, column: column, message: message)
            }
        }
        return Diagnostic(severity: .error, file: studentSources.first?.path ?? "", line: 1, column: 1, message: message)
    }

    /// Parses `path:line:column: severity: message`, and the linker's `path:line: severity: message`
    /// (column 1), which is what an incremental build reports when the entry point no longer
    /// finds `registerComponents(in:)`.
    static func parse(_ line: String) -> (file: String, line: Int, column: Int, severity: DiagnosticSeverity, message: String)? {
        for severity in DiagnosticSeverity.allCases {
            guard let marker = line.range(of: ": \(severity.rawValue): ") else { continue }
            let location = line[..<marker.lowerBound].split(separator: ":", omittingEmptySubsequences: false)
            let message = String(line[marker.upperBound...])
            if location.count >= 3, let column = Int(location[location.count - 1]), let number = Int(location[location.count - 2]) {
                let file = location.dropLast(2).joined(separator: ":")
                if !file.isEmpty { return (file, number, column, severity, message) }
            }
            if location.count >= 2, let number = Int(location[location.count - 1]) {
                let file = location.dropLast().joined(separator: ":")
                if !file.isEmpty { return (file, number, 1, severity, message) }
            }
        }
        return nil
    }

    /// A source excerpt the compiler prints under a diagnostic: `12 | code` or `   | ^`.
    private static func isSnippet(_ line: String) -> Bool {
        let head = line.drop { $0 == " " || $0.isNumber }
        return head.hasPrefix("|") || head.hasPrefix("`")
    }

    private static func isNoise(_ line: String) -> Bool {
        if line.hasPrefix("[") , let close = line.firstIndex(of: "]"),
           line[line.index(after: line.startIndex)..<close].allSatisfy({ $0.isNumber || $0 == "/" }) {
            return true
        }
        let prefixes = ["Building for ", "Build complete", "Build of product", "Planning build", "Compiling ", "Emitting module",
                        "Write ", "Linking ", "Applying ", "Fetching ", "Computing version",
                        "error: emit-module command failed", "error: compile command failed", "error: link command failed"]
        return prefixes.contains { line.hasPrefix($0) }
    }
}
