import GradeResults
@testable import GradingEngine
import Testing

/// A build whose compiler the system killed is built again one job at a time; a build that
/// failed for the code, or that the grader stopped, is not.
@Suite struct BuildRetryTests {
    static let killed = "error: compile command failed due to signal 9 (use -v to see invocation)"

    @Test func aCompilerKilledByTheSystemIsBuiltAgain() {
        #expect(SubmissionBuilder.killedBySystem(status: 1, stopped: nil, output: Self.killed, diagnostics: []))
    }

    @Test func aFailureOfTheCodeOrOfTheGradersLimitsIsNot() {
        let error = Diagnostic(severity: .error, file: "L2Loss.swift", line: 3, column: 1, message: "cannot find 'x' in scope")
        #expect(!SubmissionBuilder.killedBySystem(status: 1, stopped: nil, output: Self.killed, diagnostics: [error]))
        #expect(!SubmissionBuilder.killedBySystem(status: 137, stopped: .memoryLimit, output: Self.killed, diagnostics: []))
        #expect(!SubmissionBuilder.killedBySystem(status: 1, stopped: nil, output: "error: linker command failed", diagnostics: []))
        #expect(!SubmissionBuilder.killedBySystem(status: 0, stopped: nil, output: Self.killed, diagnostics: []))
    }
}
