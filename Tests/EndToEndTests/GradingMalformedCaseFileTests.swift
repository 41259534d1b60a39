import Foundation
import Testing

/// A copy of `assignments/assignment3` with one line of one case file broken, graded by path.
@Suite("Grading an assignment with a malformed case file")
struct GradingMalformedCaseFileTests {
    static let caseFile = "cases/05-regression-losses.yaml"

    /// Copies assignment 3 to a fresh temporary folder, replaces `original` on the 1-based
    /// `line` of ``caseFile`` with `replacement`, grades the copy by path and removes it.
    private func gradeWithBrokenLine(_ line: Int, replacing original: String, with replacement: String) async throws -> GradingCommand.Outcome {
        let fileManager = FileManager.default
        let folder = fileManager.temporaryDirectory.appendingPathComponent("grade-e2e-malformed-\(UUID().uuidString)")
        defer { try? fileManager.removeItem(at: folder) }
        try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
        let assignment = folder.appendingPathComponent("assignment3")
        try fileManager.copyItem(at: GradingCommand.packageRoot.appendingPathComponent("assignments/assignment3"), to: assignment)

        let file = assignment.appendingPathComponent(Self.caseFile)
        var lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
        let index = line - 1
        try #require(lines[index].contains(original), "line \(line) of \(Self.caseFile) is now '\(lines[index])'")
        lines[index] = lines[index].replacingOccurrences(of: original, with: replacement)
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)

        return try await GradingCommand.run([assignment.path, "--submission", "reference", "--color", "never"])
    }

    @Test("An unknown case kind stops grading with exit 2, naming the file and line")
    func unknownKind() async throws {
        let outcome = try await gradeWithBrokenLine(22, replacing: "kind: worked-example", with: "kind: worked-exampel")
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains("\(Self.caseFile):22:"), "stderr: \(outcome.standardError)")
        #expect(outcome.standardError.contains("worked-exampel"))
    }

    @Test("A YAML syntax error stops grading with exit 2, naming the file and line")
    func yamlSyntaxError() async throws {
        let outcome = try await gradeWithBrokenLine(23, replacing: "[0], [0], [0], [0]]}", with: "[0], [0], [0], [0]}")
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains("\(Self.caseFile):23:"), "stderr: \(outcome.standardError)")
    }
}
