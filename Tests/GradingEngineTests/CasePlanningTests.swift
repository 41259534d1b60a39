import AssignmentFormat
import ComponentRuntime
import GradeKit
import GradeResults
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

    @Test func aCaseThatTakesTheReferenceMoreThanHalfItsTimeoutIsTight() {
        var quick = TestCase(name: "quick", component: "softmax", check: .reference(recorded: nil))
        quick.timeout = 2
        let slow = TestCase(name: "slow", component: "softmax", check: .reference(recorded: nil)) // default_timeout 10
        let checks = [CheckResult(name: "quick", component: "softmax", kind: "reference", title: "", points: 1, status: .passed, duration: 0.9),
                      CheckResult(name: "slow", component: "softmax", kind: "reference", title: "", points: 1, status: .passed, duration: 5.5)]
        let run = GradeRun(assignment: AssignmentSummary(id: "a", title: "A"), submission: "reference", seed: 0, build: BuildOutcome(succeeded: true),
                           components: [ComponentResult(name: "softmax", title: "S", checks: checks)], duration: 6.4)
        let tight = CasePlanning.tightTimeouts(in: run, of: testAssignment([quick, slow]))
        #expect(tight.map(\.testCase.name) == ["slow"])
        #expect(tight.first?.timeout == 10)
    }
}
