import AssignmentFormat
import ComponentRuntime
import Foundation
import GradeResults
import Testing

@Suite struct RevealingNamesTests {
    static func example(_ name: String, loss: Double, visibility: Visibility, title: String? = nil) -> TestCase {
        TestCase(name: name, component: "softmax", check: .workedExample(expected: ["loss": .scalar(loss)], logBase: nil),
                 title: title, visibility: visibility)
    }

    @Test func aWithheldCaseWhoseNameHoldsItsAnswerIsWarnedAbout() {
        let cases = [
            Self.example("softmax-notes-1.04-hidden", loss: 1.0401, visibility: .hidden),
            Self.example("softmax-late", loss: 2.9, visibility: .afterDueDate, title: "The cat's loss is 2.9"),
            Self.example("softmax-visible-2.9", loss: 2.9, visibility: .visible),
            Self.example("svm-frog-12-hidden", loss: 12.9, visibility: .hidden),
            Self.example("softmax-batch-hidden", loss: 0.5, visibility: .hidden, title: "A batch of 3"),
        ]
        let assignment = Assignment(id: "a", title: "A", directory: URL(fileURLWithPath: "/tmp/a"), components: [], cases: cases)
        let warned = RevealingNames.warnings(in: assignment)
        #expect(warned.map(\.caseName) == ["softmax-notes-1.04-hidden", "softmax-late"])
        #expect(warned.map(\.number) == ["1.04", "2.9"])
        #expect(warned.first?.description.contains("warning: case 'softmax-notes-1.04-hidden' is not visible to students") == true)
    }

    @Test func aVeryLargeCaseFileIsWarnedAbout() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("grade-large-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("cases"), withIntermediateDirectories: true)
        try String(repeating: "#", count: LargeCaseFiles.warnedFromBytes + 10).write(to: folder.appendingPathComponent("cases/big.yaml"), atomically: true, encoding: .utf8)
        try "cases: []".write(to: folder.appendingPathComponent("cases/small.yaml"), atomically: true, encoding: .utf8)
        let big = TestCase(name: "b", component: "softmax", check: .reference(recorded: nil), location: SourceLocation(file: "cases/big.yaml", line: 3, column: 5))
        let small = TestCase(name: "s", component: "softmax", check: .reference(recorded: nil), location: SourceLocation(file: "cases/small.yaml", line: 3, column: 5))
        let warnings = LargeCaseFiles.warnings(in: Assignment(id: "a", title: "A", directory: folder, components: [], cases: [big, small]))
        #expect(warnings.count == 1)
        #expect(warnings.first?.hasPrefix("cases/big.yaml: warning: the file is 1.0 MB") == true, "\(warnings)")
    }
}
