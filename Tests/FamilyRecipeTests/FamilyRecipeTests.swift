import AssignmentFormat
import ComponentRuntime
import Foundation
import GradeKit
import GradeResults
import GradingEngine
import Testing

/// The recipe of docs/architecture.md, followed: a family the grader has never seen
/// (`pointwise-loss`) is added with a protocol, a descriptor and a trusted conformance, in
/// this target alone, and an assignment of it is loaded, validated and graded end to end —
/// worked example, reference agreement, the gradient check and mean-over-samples, which the
/// family gets from its descriptor without a line of its own.
@Suite struct FamilyRecipeTests {
    static let assignmentYAML = """
        title: "Pointwise losses"
        components:
          - {name: log-cosh, title: "Log-cosh loss", family: pointwise-loss}
        """
    static let casesYAML = """
        component: log-cosh
        cases:
          - name: log-cosh-worked
            kind: worked-example
            inputs: {residuals: [[0, 1], [-2, 0.5]]}
            expected: {loss: 0.9394490423995845}
          - name: log-cosh-reference
            kind: reference
            inputs: {residuals: {normal: [5, 3]}}
          - name: log-cosh-gradient-check
            kind: gradient-check
            inputs: {residuals: {normal: [4, 3]}}
          - name: log-cosh-mean-over-samples
            kind: property
            property: mean-over-samples
            inputs: {residuals: {normal: [3, 2]}}
        """

    /// The assignment folder, written to a fresh temporary directory.
    static func assignmentFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("family-recipe-\(UUID().uuidString)/pointwise")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("cases"), withIntermediateDirectories: true)
        try assignmentYAML.write(to: folder.appendingPathComponent("assignment.yaml"), atomically: true, encoding: .utf8)
        try casesYAML.write(to: folder.appendingPathComponent("cases/01-log-cosh.yaml"), atomically: true, encoding: .utf8)
        return folder
    }

    /// Grades `submission` (a conformance registered as `log-cosh`) in process.
    static func grade<C: PointwiseLoss>(_ submission: C.Type) throws -> [String: CheckResult] {
        let assignment = try AssignmentLoader.load(directory: try assignmentFolder(), families: .withPointwiseLoss)
        var trusted = ComponentRegistry()
        registerTrustedPointwiseLosses(in: &trusted)
        var student = ComponentRegistry()
        student.register("log-cosh", submission)
        let grader = Grader(assignment: assignment, executor: TrustedExecutor(registry: student, families: .withPointwiseLoss),
                            oracle: ReferenceOracle(registry: trusted, families: .withPointwiseLoss))
        let run = try grader.grade(submission: "in-process", build: BuildOutcome(succeeded: true))
        return Dictionary(uniqueKeysWithValues: run.checks.map { ($0.name, $0) })
    }

    @Test func theNewFamilyIsUnknownWithoutItsCatalogEntry() throws {
        let problems = AssignmentValidator.problems(in: try Self.assignmentFolder())
        #expect(problems.contains { $0.message.contains("unknown family 'pointwise-loss'") })
    }

    @Test func aCorrectConformancePassesEveryCase() throws {
        let results = try Self.grade(LoopedLogCosh.self)
        #expect(results.count == 4)
        for (name, result) in results { #expect(result.status == .passed, "\(name): \(result.reason ?? "")") }
    }

    @Test func aGradientNotDividedByNFailsTheGradientCheckAndNamesIt() throws {
        let results = try Self.grade(GradientNotDividedByN.self)
        let check = try #require(results["log-cosh-gradient-check"])
        #expect(check.status == .failed)
        #expect(check.problem == .wrongGradient)
        #expect(check.misconception?.contains("N times too large") == true, "\(check.misconception ?? "")")
        #expect(results["log-cosh-worked"]?.status == .passed)
    }

    @Test func aSumOverSamplesFailsMeanOverSamplesAndTheReference() throws {
        let results = try Self.grade(SummedLogCosh.self)
        #expect(results["log-cosh-mean-over-samples"]?.problem == .propertyViolated)
        #expect(results["log-cosh-reference"]?.status == .failed)
        #expect(results["log-cosh-reference"]?.misconception?.contains("sum over samples") == true)
    }
}

/// log cosh written with loops and `log(cosh r)`, as a student would.
struct LoopedLogCosh: PointwiseLoss {
    init(hyperparameters: Hyperparameters) {}
    func lossAndGradient(residuals r: Matrix) -> LossAndGradient {
        var loss = 0.0
        var gradient = Matrix.zeros(like: r)
        for i in 0..<r.rows {
            for k in 0..<r.columns {
                loss += log(cosh(r[i, k]))
                gradient[i, k] = tanh(r[i, k]) / Double(r.rows)
            }
        }
        return LossAndGradient(loss: loss / Double(r.rows), gradient: gradient)
    }
}

/// The mean loss with the gradient of the sum.
struct GradientNotDividedByN: PointwiseLoss {
    init(hyperparameters: Hyperparameters) {}
    func lossAndGradient(residuals r: Matrix) -> LossAndGradient {
        let right = LoopedLogCosh().lossAndGradient(residuals: r)
        return LossAndGradient(loss: right.loss, gradient: right.gradient * Double(r.rows))
    }
}

/// The sum over samples where the mean is asked for.
struct SummedLogCosh: PointwiseLoss {
    init(hyperparameters: Hyperparameters) {}
    func lossAndGradient(residuals r: Matrix) -> LossAndGradient {
        let right = LoopedLogCosh().lossAndGradient(residuals: r)
        return LossAndGradient(loss: right.loss * Double(r.rows), gradient: right.gradient * Double(r.rows))
    }
}
