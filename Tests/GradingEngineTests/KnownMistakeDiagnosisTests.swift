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
    static let assignment = Result { () throws -> Assignment in
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try AssignmentLoader.load(directory: root.appendingPathComponent("assignments/assignment3"))
    }

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

    @Test func atLeastNineInTenMistakesAreNamedByTheirOwnSentence() throws {
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
        let share = Double(named) / Double(Self.mistakes.count)
        print("known mistakes named by their own sentence: \(named) of \(Self.mistakes.count); not named: \(unnamed.joined(separator: ", "))")
        #expect(share >= 0.9, "named \(named) of \(Self.mistakes.count); not named: \(unnamed)")
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
}
