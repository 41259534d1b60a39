import AssignmentFormat
import ComponentRuntime
import GradeKit
import GradingEngine
import Testing

/// A property that cannot use its case's inputs is found before grading.
@Suite struct CasePlanningTests {
    @Test func aPropertyGivenInputsItCannotUseIsAProblemOfItsCase() {
        let bad = TestCase(name: "diverges-on-rosenbrock", component: "adam", check: .property(.learningRateTooLargeDiverges, expected: nil),
                           inputs: ["parameters": .literal(.matrix(Matrix([[1, 2]]))), "objective": .literal(.text("rosenbrock")),
                                    "steps": .literal(.integers([5]))])
        let good = TestCase(name: "diverges", component: "adam", check: .property(.learningRateTooLargeDiverges, expected: nil))
        let stable = TestCase(name: "never-zero", component: "softmax", check: .property(.softmaxNeverZero, expected: nil))
        let problems = CasePlanning.problems(in: testAssignment([good, bad, stable]))
        #expect(problems.map(\.caseName) == ["diverges-on-rosenbrock"])
        #expect(problems.first?.message.contains("ill-conditioned-bowl") == true)
    }
}
