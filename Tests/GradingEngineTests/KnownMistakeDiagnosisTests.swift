import AssignmentFormat
import ComponentRuntime
import Foundation
import GradeKit
import GradeResults
@testable import GradingEngine
import Testing

/// Every known mistake graded on assignment3 fails in its own component and is named there
/// by its own sentence, and costs nothing in components that do not run it.
@Suite("Known mistakes are named when graded")
struct KnownMistakeDiagnosisTests {
    /// The cases of assignment3 but the CIFAR-size and efficiency ones (``AssignmentThree/small``).
    static let assignment = AssignmentThree.small

    nonisolated(unsafe) static let oracle = ReferenceOracle()

    /// The mistakes graded: all but the conventions the assignment accepts.
    static var mistakes: [KnownMistake] {
        let conventions = (try? assignment.get().conventions) ?? [:]
        return oracle.mistakes.filter { conventions[$0.key] != .accepted && conventions[$0.key] != .acceptedWithNote }
    }

    /// The explanation up to its first placeholder, which a report fills in.
    static func stem(_ explanation: String) -> String {
        explanation.components(separatedBy: "{N}").first!.replacingOccurrences(of: "N = ", with: "")
    }

    static func grade(_ mistake: KnownMistake) throws -> [CheckResult] {
        let assignment = try Self.assignment.get()
        let registry = try #require(oracle.registry(making: mistake))
        return try Grader(assignment: assignment, executor: TrustedExecutor(registry: registry), oracle: oracle)
            .grade(submission: mistake.key, build: BuildOutcome(succeeded: true)).checks
    }

    @Test func everyMistakeIsNamedByItsOwnSentence() throws {
        var named = 0
        var unnamed: [String] = []
        for mistake in Self.mistakes {
            let failed = try Self.grade(mistake).filter { $0.component == mistake.component && $0.status != .passed }
            if failed.contains(where: { $0.misconception?.contains(Self.stem(mistake.explanation)) == true }) {
                named += 1
            } else {
                unnamed.append(mistake.key)
            }
        }
        print("known mistakes named by their own sentence: \(named) of \(Self.mistakes.count); not named: \(unnamed.joined(separator: ", "))")
        #expect(unnamed.isEmpty, "named \(named) of \(Self.mistakes.count); not named: \(unnamed)")
    }

    @Test func aMistakeCostsPointsOnlyInItsComponentAndTheComponentsThatRunIt() throws {
        let callers: [String: Set<String>] = ["linear-svm": ["sgd"], "linear-softmax": ["sgd"]]
        for mistake in Self.mistakes {
            let elsewhere = Set(try Self.grade(mistake).filter { $0.status != .passed && $0.component != mistake.component }.map(\.component))
            #expect(elsewhere.isSubset(of: callers[mistake.component] ?? []), "\(mistake.key) fails \(elsewhere.sorted())")
        }
    }

    @Test func noExplanationNamesAnotherMistakeOfItsComponent() throws {
        for mistake in Self.mistakes {
            let others = Self.oracle.mistakes.filter { $0.component == mistake.component && $0.key != mistake.key }
            for check in try Self.grade(mistake) where check.component == mistake.component {
                guard let text = check.misconception, !text.contains("cannot tell them apart") else { continue }
                for other in others where text.contains(Self.stem(other.explanation)) && !text.contains(Self.stem(mistake.explanation)) {
                    Issue.record("\(mistake.key) on \(check.name) is explained as \(other.key)")
                }
            }
        }
    }

    /// Code written in `Float` from the start, in loops: its round-off is not the mutant's, yet
    /// it is named, and by no other mistake's sentence.
    @Test(arguments: ["multiclass-svm", "l2-regularization"])
    func codeWrittenInFloatIsNamed(component: String) throws {
        let assignment = try Self.assignment.get()
        let registry = referenceRegistry { registry in
            if component == "multiclass-svm" { registry.register(component, FloatLoopSVM.self) }
            else { registry.register(component, FloatLoopL2Penalty.self) }
        }
        let checks = try Grader(assignment: assignment, executor: TrustedExecutor(registry: registry), oracle: Self.oracle)
            .grade(submission: "float", build: BuildOutcome(succeeded: true)).checks.filter { $0.component == component }
        let failed = checks.filter { $0.status != .passed }
        let sentence = try #require(Self.oracle.mistakes.first { $0.key == "\(component)/float-precision" }).explanation
        #expect(!failed.isEmpty)
        #expect(failed.contains { $0.misconception == sentence }, "\(failed.map { "\($0.name): \($0.misconception ?? "-")" })")
        let others = Self.oracle.mistakes.filter { $0.component == component && $0.explanation != sentence }.map { Self.stem($0.explanation) }
        #expect(!failed.contains { check in others.contains { check.misconception?.contains($0) == true } },
                "\(failed.map { "\($0.name): \($0.misconception ?? "-")" })")
    }
}

/// The multiclass SVM in `Float`, with loops.
struct FloatLoopSVM: ScoreLoss {
    let margin: Float
    init(hyperparameters: Hyperparameters) { margin = Float(hyperparameters.margin) }

    func lossAndGradient(scores: Matrix, labels: [Int]) -> LossAndGradient {
        let n = Float(scores.rows)
        var loss: Float = 0
        var gradient = Matrix.zeros(scores.rows, scores.columns)
        for i in 0..<scores.rows {
            let correct = Float(scores[i, labels[i]])
            for j in 0..<scores.columns where j != labels[i] {
                let m = Float(scores[i, j]) - correct + margin
                if m > 0 {
                    loss += m
                    gradient[i, j] += Double(1 / n)
                    gradient[i, labels[i]] -= Double(1 / n)
                }
            }
        }
        return LossAndGradient(loss: Double(loss / n), gradient: gradient)
    }
}

/// The L2 penalty `Σ W²` and its gradient `2W`, accumulated in `Float`.
struct FloatLoopL2Penalty: Regularizer {
    init(hyperparameters: Hyperparameters) {}

    func penaltyAndGradient(weights: Matrix) -> LossAndGradient {
        var penalty: Float = 0
        for w in weights.elements { penalty += Float(w) * Float(w) }
        return LossAndGradient(loss: Double(penalty), gradient: weights.map { Double(2 * Float($0)) })
    }
}
