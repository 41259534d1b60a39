import Foundation
import TestSupport

/// Temporary folders and files for the instructor-tool tests.
enum InstructorFixtures {
    static let root = GradeCommandRunner.packageRoot
    static let grade = GradeCommandRunner()

    /// A fresh temporary folder, removed by the caller.
    static func temporaryFolder(_ prefix: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A copy of `assignments/assignment3` in `folder`, without its examples.
    static func copyOfAssignment3(in folder: URL) throws -> URL {
        let copy = folder.appendingPathComponent("assignment3")
        try FileManager.default.copyItem(at: root.appendingPathComponent("assignments/assignment3"), to: copy)
        try? FileManager.default.removeItem(at: copy.appendingPathComponent("examples"))
        return copy
    }

    /// Replaces `original` with `replacement` on the 1-based `line` of a file; false when the line does not hold it.
    @discardableResult
    static func edit(_ file: URL, line: Int, replacing original: String, with replacement: String) throws -> Bool {
        var lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
        guard lines.indices.contains(line - 1), lines[line - 1].contains(original) else { return false }
        lines[line - 1] = lines[line - 1].replacingOccurrences(of: original, with: replacement)
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        return true
    }

    /// A course repository in `folder` with copies of what grading reads (the sources
    /// and the reference), the real one's worker cache linked in, and an empty `assignments/`:
    /// commands may write into it freely.
    static func scratchRepository(in folder: URL) throws -> URL {
        let fm = FileManager.default
        try fm.copyItem(at: root.appendingPathComponent("Package.swift"), to: folder.appendingPathComponent("Package.swift"))
        // All of Sources/, so that this list need not follow which modules the worker is built from.
        for name in ["Sources", "reference"] {
            try fm.createDirectory(at: folder.appendingPathComponent(name).deletingLastPathComponent(), withIntermediateDirectories: true)
            try fm.copyItem(at: root.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        try fm.createDirectory(at: folder.appendingPathComponent("assignments"), withIntermediateDirectories: true)
        try fm.createDirectory(at: folder.appendingPathComponent(".build"), withIntermediateDirectories: true)
        // The shared cache may not exist yet on a fresh clone; a link to nothing cannot be built into.
        try fm.createDirectory(at: root.appendingPathComponent(".build/grade-workers"), withIntermediateDirectories: true)
        try fm.createSymbolicLink(at: folder.appendingPathComponent(".build/grade-workers"),
                                  withDestinationURL: root.appendingPathComponent(".build/grade-workers"))
        return folder
    }

    /// The cases of a case file's text, as (name, text of the case's list item).
    static func caseBlocks(_ text: String) -> [(name: String, text: String)] {
        var blocks: [(String, [String])] = []
        for line in text.components(separatedBy: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("- name:") {
                blocks.append((String(trimmed.dropFirst("- name:".count)).trimmingCharacters(in: .whitespaces), [line]))
            } else if !blocks.isEmpty {
                blocks[blocks.count - 1].1.append(line)
            }
        }
        return blocks.map { ($0.0, $0.1.joined(separator: "\n")) }
    }

    /// Every case of assignment 3 that students must not see, with its text.
    static func withheldCasesOfAssignment3() throws -> [(name: String, text: String)] {
        let cases = root.appendingPathComponent("assignments/assignment3/cases")
        return try FileManager.default.contentsOfDirectory(atPath: cases.path).sorted().flatMap { file in
            caseBlocks(try String(contentsOf: cases.appendingPathComponent(file), encoding: .utf8))
        }.filter { $0.text.contains("visibility: hidden") || $0.text.contains("visibility: after_due_date") }
    }

    /// Every file's text under `folder`, by path relative to it (binary files skipped).
    static func texts(under folder: URL, skipping: Set<String> = [".build", ".git"]) -> [(path: String, text: String)] {
        var found: [(String, String)] = []
        let base = folder.standardizedFileURL.path
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        for case let url as URL in enumerator {
            if skipping.contains(url.lastPathComponent) { enumerator.skipDescendants(); continue }
            if let text = try? String(contentsOf: url, encoding: .utf8) {
                found.append((String(url.standardizedFileURL.path.dropFirst(base.count + 1)), text))
            }
        }
        return found
    }

    /// Case name → Gradescope status, from a results.json.
    static func verdicts(gradescope url: URL) throws -> [String: String] {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        let tests = json?["tests"] as? [[String: Any]] ?? []
        return Dictionary(tests.compactMap { test in
            (test["name"] as? String).map { ($0, test["status"] as? String ?? "?") }
        }, uniquingKeysWith: { a, _ in a })
    }
}
