import AssignmentFormat
import ComponentRuntime
import GradeKit
@testable import GradingEngine
import Testing

/// A failing case's inputs as Swift a student can paste: every bit kept, and only small inputs.
@Suite struct SwiftLiteralTests {
    @Test func valuesAreWrittenAsSwiftThatReadsBackTheSameBits() {
        #expect(SwiftLiteral.literal(.matrix(Matrix([[3.2, -1.0 / 3], [.nan, -.infinity]]))) == "Matrix([[3.2, -0.3333333333333333], [.nan, -.infinity]])")
        #expect(SwiftLiteral.literal(.integers([0, 2])) == "[0, 2]")
        #expect(SwiftLiteral.literal(.text("say \"hi\"")) == #""say \"hi\"""#)
        #expect(Double("-0.3333333333333333") == -1.0 / 3)
    }

    @Test func smallInputsAreDeclaredInNameOrderAndLargeOnesAreNot() {
        let small = TestCase(name: "c", component: "multiclass-svm", check: .reference(recorded: nil),
                             inputs: ["scores": .literal(.matrix(Matrix([[1, 2]]))), "labels": .literal(.integers([1]))])
        #expect(SwiftLiteral.declarations(of: small, generator: InputGenerator()) == "let labels = [1]\nlet scores = Matrix([[1.0, 2.0]])")
        let large = TestCase(name: "d", component: "multiclass-svm", check: .reference(recorded: nil),
                             inputs: ["scores": .normal(10, 10), "labels": .labels(10, classes: 10)])
        #expect(SwiftLiteral.declarations(of: large, generator: InputGenerator()) == nil)
    }
}
