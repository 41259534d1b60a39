import AssignmentFormat
import ComponentRuntime
import Foundation
import GradeKit
import GradeResults
@testable import GradingEngine
import Testing

/// An assignment decides how an alternative convention is graded, and the verdict does not
/// depend on the seed; the mutation score grades every known mistake on the cases.
@Suite("Conventions and the mutation score")
struct ConventionTests {
    /// Adagrad's cases: one by hand where ε is large enough to tell the conventions apart,
    /// and one against the reference on random inputs.
    static let cases = [
        TestCase(name: "adagrad-big-epsilon", component: "adagrad", check: .reference(recorded: nil),
                 hyperparameters: Hyperparameters(learningRate: 0.1, epsilon: 0.5),
                 inputs: ["parameters": .literal(.matrix([[1, -2]])), "gradients": .literal(.matrices([[[0.5, -1]], [[0.25, 0.5]]]))]),
        TestCase(name: "adagrad-random", component: "adagrad", check: .reference(recorded: nil), seed: 5,
                 inputs: ["parameters": .generated(.normal(rows: 2, columns: 3, mean: 0, scale: 1)),
                          "gradients": .generated(.normalList(count: 3, rows: 2, columns: 3, scale: 1))]),
    ]

    static func assignment(_ policy: ConventionPolicy?) -> Assignment {
        var assignment = testAssignment(cases)
        assignment.components = assignment.components.filter { $0.name == "adagrad" }
        if let policy { assignment.conventions = ["adagrad/epsilon-outside-root": policy] }
        return assignment
    }

    static var convention: KnownMistake {
        ReferenceOracle().mistakes.first { $0.key == "adagrad/epsilon-outside-root" }!
    }

    static func grade(_ assignment: Assignment, runSeed: UInt64) throws -> [CheckResult] {
        let registry = try #require(ReferenceOracle().registry(making: convention))
        return try Grader(assignment: assignment, executor: TrustedExecutor(registry: registry), runSeed: runSeed)
            .grade(submission: "convention", build: BuildOutcome(succeeded: true)).checks
    }

    @Test(arguments: [ConventionPolicy.accepted, .acceptedWithNote])
    func anAcceptedConventionPassesEveryCaseOnEverySeed(policy: ConventionPolicy) throws {
        for seed: UInt64 in 1...5 {
            for check in try Self.grade(Self.assignment(policy), runSeed: seed) {
                #expect(check.status == .passed, "\(check.name), seed \(seed): \(check.reason ?? "")")
                // Where the conventions agree (a tiny ε) there is nothing to note.
                if check.name == "adagrad-big-epsilon" {
                    #expect((check.misconception != nil) == (policy == .acceptedWithNote), "\(check.name)")
                }
            }
        }
    }

    @Test func aConventionThatCostsPointsFailsWhereItDiffersAndIsNamed() throws {
        for seed: UInt64 in 1...5 {
            let checks = try Self.grade(Self.assignment(.costsPoints), runSeed: seed)
            let big = try #require(checks.first { $0.name == "adagrad-big-epsilon" })
            #expect(big.status == .failed)
            #expect(big.misconception == Self.convention.explanation)
            #expect(big.hint == nil)
        }
    }

    @Test func theMutationScoreSaysWhichCasesCatchEachMistake() throws {
        let score = try MutationScore.measure(Self.assignment(nil))
        let row = try #require(score.rows.first { $0.mistake.key == "adagrad/epsilon-outside-root" })
        #expect(row.killedBy == ["adagrad-big-epsilon"] || row.killedBy == ["adagrad-big-epsilon", "adagrad-random"])
        #expect(row.pointsLost >= 1)
        #expect(score.rows.allSatisfy { $0.mistake.component == "adagrad" })
    }

    @Test func anAcceptedConventionThatACaseFailsIsReported() throws {
        var assignment = Self.assignment(.accepted)
        assignment.conventions = ["adagrad/epsilon-outside-root": .accepted]
        let score = try MutationScore.measure(assignment)
        #expect(score.rejectedConventions.isEmpty)
        #expect(score.survivors.isEmpty)
    }
    /// assignment3 charges for Adagrad's other ε convention: the same points on every seed.
    @Test func assignmentThreeChargesAConventionTheSameOnEverySeed() throws {
        let assignment = try AssignmentThree.small.get()
        let charged = assignment.conventions.filter { $0.value == .costsPoints }.keys.sorted()
        #expect(!charged.isEmpty)
        for key in charged {
            let mistake = try #require(ReferenceOracle().mistakes.first { $0.key == key })
            let registry = try #require(ReferenceOracle().registry(making: mistake))
            var failedBySeed: [UInt64: [String]] = [:]
            for seed: UInt64 in [0, 1, 2, 3, 5, 8, 13, 21, 34, 55] {
                let checks = try Grader(assignment: assignment, executor: TrustedExecutor(registry: registry), runSeed: seed)
                    .grade(submission: key, build: BuildOutcome(succeeded: true)).checks
                failedBySeed[seed] = checks.filter { $0.status != .passed }.map(\.name).sorted()
            }
            #expect(Set(failedBySeed.values).count == 1, "\(key): \(failedBySeed.sorted { $0.key < $1.key })")
            #expect(failedBySeed.values.allSatisfy { !$0.isEmpty }, "\(key) costs nothing")
        }
    }
}

/// A caller's failure that comes from the submission's own dependency is reported as that.
@Suite("Failures seen through a caller")
struct CallerAttributionTests {
    @Test func sgdOnAWrongLinearSVMNamesTheLinearSVM() throws {
        let assignment = try AssignmentThree.small.get()
        let registry = referenceRegistry { $0.register("linear-svm", AllClassesLinearSVM.self) }
        let run = try Grader(assignment: assignment, executor: InProcessExecutor(registry: registry),
                             filter: CaseFilter("linear-svm,sgd")).grade(submission: "wrong linear-svm", build: builtFine)
        let throughSGD = run.checks.filter { $0.component == "sgd" && $0.status == .failed }
        #expect(!throughSGD.isEmpty, "a wrong objective changes sgd's trajectory")
        for check in throughSGD {
            #expect(check.misconception?.contains("This case runs your linear-svm, which fails its own case") == true,
                    "\(check.name): \(check.misconception ?? "")")
        }
        #expect(run.checks.filter { $0.component == "linear-svm" }.contains { $0.status == .failed })
    }

}
