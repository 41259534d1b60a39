import Foundation
import Testing
import TestSupport

/// `grade repro`, run as a student runs it: the package it writes builds, calls their own code
/// on the case's inputs, and sees every edit they make.
@Suite("grade repro")
struct ReproTests {
    typealias F = InstructorFixtures

    static func l2(gradient: String) -> String {
        """
        import GradeKit

        public struct L2Regularization: Regularizer {
            public init(hyperparameters: Hyperparameters) {}
            public func penaltyAndGradient(weights: Matrix) -> LossAndGradient {
                LossAndGradient(loss: (weights * weights).sum(), gradient: \(gradient))
            }
        }

        """
    }

    @Test("the package calls the student's component on the case's inputs, with the expected values beside")
    func reproducesAWorkedExample() throws {
        let folder = try F.temporaryFolder("grade-repro")
        defer { try? FileManager.default.removeItem(at: folder) }
        let submission = folder.appendingPathComponent("submission")
        try FileManager.default.copyItem(at: F.root.appendingPathComponent("assignments/assignment3/starter"), to: submission)
        let source = submission.appendingPathComponent("L2Regularization.swift")
        try Self.l2(gradient: "weights").write(to: source, atomically: true, encoding: .utf8)
        let package = folder.appendingPathComponent("repro")

        let written = try F.grade.run(["repro", "assignment3", "l2-regularization-w1", "--submission", submission.path, "--out", package.path])
        #expect(written.status == 0, "\(written.combinedOutput)")
        let main = try String(contentsOf: package.appendingPathComponent("Sources/repro/main.swift"), encoding: .utf8)
        #expect(main.contains("let weights = Matrix([[1.0, 0.0, 0.0, 0.0]])"), "\(main)")
        #expect(main.contains("//   gradient = Matrix([[2.0, 0.0, 0.0, 0.0]])"), "\(main)")

        let swift = GradeCommandRunner(executable: URL(fileURLWithPath: "/usr/bin/env"))
        let wrong = try swift.run(["swift", "run", "--package-path", package.path], timeout: 900)
        #expect(wrong.status == 0, "\(wrong.combinedOutput)")
        #expect(wrong.standardOutput.contains("loss = 1.0"), "\(wrong.standardOutput)")
        #expect(wrong.standardOutput.contains("gradient = [[1.0, 0.0, 0.0, 0.0]]"), "\(wrong.standardOutput)")
        #expect(!wrong.combinedOutput.contains("warning:"), "\(wrong.combinedOutput)")

        // The package's Submission is the student's folder: a fix is seen on the next run.
        try Self.l2(gradient: "2 * weights").write(to: source, atomically: true, encoding: .utf8)
        let fixed = try swift.run(["swift", "run", "--package-path", package.path], timeout: 900)
        #expect(fixed.standardOutput.contains("gradient = [[2.0, 0.0, 0.0, 0.0]]"), "\(fixed.combinedOutput)")
    }

    @Test("a hidden case, a property's own inputs and an unknown name are refused with exit status 2")
    func refusals() throws {
        let folder = try F.temporaryFolder("grade-repro-refused")
        defer { try? FileManager.default.removeItem(at: folder) }
        let hidden = try #require(try F.withheldCasesOfAssignment3().first?.name)
        let refusedHidden = try F.grade.run(["repro", "assignment3", hidden, "--out", folder.path])
        #expect(refusedHidden.status == 2)
        #expect(refusedHidden.standardError.contains("not a visible case"), "\(refusedHidden.combinedOutput)")
        let property = try F.grade.run(["repro", "assignment3", "l2-regularization-preference", "--out", folder.path])
        #expect(property.status == 2)
        #expect(property.standardError.contains("builds its own inputs"), "\(property.combinedOutput)")
        let misspelt = try F.grade.run(["repro", "assignment3", "l2-regularization-w", "--out", folder.path])
        #expect(misspelt.status == 2)
        #expect(misspelt.standardError.contains("did you mean 'l2-regularization-w1'?"), "\(misspelt.combinedOutput)")
        #expect((try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.isEmpty == true)
    }
}
