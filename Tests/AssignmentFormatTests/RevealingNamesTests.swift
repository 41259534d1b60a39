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
}
