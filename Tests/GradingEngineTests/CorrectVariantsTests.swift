import AssignmentFormat
import Foundation
import GradeKit
import GradeResults
import GradingEngine
import Testing

/// Correct implementations written differently from the reference pass every case of the
/// real assignment3, whatever the run seed mixed into its generated inputs.
@Suite("Correct variants pass assignment3 on every seed")
struct CorrectVariantsTests {
    /// The assignment shipped, its correctness cases (all but the efficiency cases, which judge
    /// speed: a loop variant is correct and slow, and ``loopVariantsAreTooSlowForTheEfficiencyCases``
    /// checks that they say so), and those without the CIFAR-size cases, which every seed after
    /// the first leaves out: at that size one seed's draw is as good as another's.
    static let shipped = AssignmentThree.shipped
    static let assignment = AssignmentThree.withoutEfficiency
    static let smallCases = AssignmentThree.small

    /// The cases graded on run seed `seed`.
    static func assignment(for seed: UInt64) throws -> Assignment {
        try (seed == runSeeds.lowerBound ? assignment : smallCases).get()
    }

    /// The run seeds every variant is graded on.
    static let runSeeds: ClosedRange<UInt64> = 1...20

    /// The cases that run `variant`'s code: its component's, and for a linear objective those of
    /// the minibatch trainers, which descend the objective a case names.
    static func filter(for variant: ComponentVariant) throws -> CaseFilter {
        var components = [variant.component]
        if referenceRegistry()[variant.component]?.family == .linearObjective {
            components += try assignment.get().components.filter { $0.family == .minibatchTrainer }.map(\.name)
        }
        return CaseFilter(components.joined(separator: ","))
    }

    /// Grades the cases `filter` selects (all when nil) in process against `registry`.
    static func grade(_ registry: ComponentRegistry, runSeed: UInt64, filter: CaseFilter? = nil) throws -> [CheckResult] {
        let grader = Grader(assignment: try assignment(for: runSeed), executor: InProcessExecutor(registry: registry),
                            runSeed: runSeed, filter: filter)
        return try grader.grade(submission: "variants", build: builtFine).checks
    }

    /// Grades the cases that run `variant`'s code, with the reference for every other component.
    static func grade(_ variant: ComponentVariant, runSeed: UInt64) throws -> [CheckResult] {
        try grade(referenceRegistry(variant.register), runSeed: runSeed, filter: try filter(for: variant))
    }

    /// Whole submissions made of the correct variants: the k-th holds the k-th variant of each
    /// component (its last one when it has fewer), so every variant is in one of them.
    static var variantSubmissions: [(names: [String], registry: ComponentRegistry)] {
        let byComponent = Dictionary(grouping: CorrectVariants.all, by: \.component)
        let rounds = byComponent.values.map(\.count).max() ?? 0
        return (0..<rounds).map { round in
            let chosen = byComponent.values.map { $0[min(round, $0.count - 1)] }
            return (chosen.map(\.name).sorted(), referenceRegistry { registry in chosen.forEach { $0.register(&registry) } })
        }
    }

    /// One line per check that did not pass: case, component, seed and reason.
    static func describe(_ failures: [CheckResult], of variant: ComponentVariant, seed: UInt64) -> String {
        failures.map { "\(variant.name) seed \(seed): \($0.name) [\($0.component)] \($0.status.rawValue): \($0.reason ?? "no reason")" }
            .joined(separator: "\n")
    }

    @Test("A correct variant passes every case that runs it, on every seed", arguments: CorrectVariants.all)
    func passesEveryCase(_ variant: ComponentVariant) throws {
        for seed in Self.runSeeds {
            let checks = try Self.grade(variant, runSeed: seed)
            #expect(checks.contains { $0.component == variant.component }, "\(variant.component) has no cases")
            let failures = checks.filter { $0.status != .passed }
            #expect(failures.isEmpty, "\(Self.describe(failures, of: variant, seed: seed))")
        }
    }

    @Test("A submission made only of correct variants passes every case of the assignment on every seed")
    func variantSubmissionsPassEveryCase() throws {
        for submission in Self.variantSubmissions {
            for seed in Self.runSeeds {
                let checks = try Self.grade(submission.registry, runSeed: seed)
                #expect(checks.count == (try Self.assignment(for: seed).cases.count))
                let failures = checks.filter { $0.status != .passed }
                #expect(failures.isEmpty, """
                    submission of \(submission.names.joined(separator: ", ")), seed \(seed):
                    \(failures.map { "\($0.name) [\($0.component)] \($0.status.rawValue): \($0.reason ?? "no reason")" }.joined(separator: "\n"))
                    """)
            }
        }
    }

    @Test("The cases graded run the variant's code: a wrong objective fails its own cases and the trainer's")
    func aWrongObjectiveFailsItsOwnAndTheTrainersCases() throws {
        let wrong = ComponentVariant("linear-svm-all-classes", "linear-svm", "sums over j = y_i too") {
            $0.register("linear-svm", AllClassesLinearSVM.self)
        }
        let failed = Set(try Self.grade(wrong, runSeed: 1).filter { $0.status != .passed }.map(\.component))
        #expect(failed == ["linear-svm", "sgd"])
    }

    @Test("Every component of the assignment has a correct variant")
    func everyComponentHasAVariant() throws {
        let covered = Set(CorrectVariants.all.map(\.component))
        for component in try Self.assignment.get().components {
            #expect(covered.contains(component.name), "\(component.name) has no correct variant")
        }
    }

    /// Another textbook's convention may fail the course's cases, but only its own component's:
    /// the verdict of every seed is printed rather than asserted.
    @Test("Another convention is graded on its own component only", arguments: CorrectVariants.conventions)
    func reportsConventionVerdicts(_ variant: ComponentVariant) throws {
        var verdicts: [String] = []
        for seed in Self.runSeeds {
            let failures = try Self.grade(variant, runSeed: seed).filter { $0.status != .passed }
            #expect(failures.allSatisfy { $0.component == variant.component },
                    "\(Self.describe(failures.filter { $0.component != variant.component }, of: variant, seed: seed))")
            verdicts.append(failures.isEmpty ? "seed \(seed): passed"
                                             : "seed \(seed): failed \(failures.map(\.name).joined(separator: ", "))")
            if !failures.isEmpty { verdicts.append(Self.describe(failures, of: variant, seed: seed)) }
        }
        print("convention \(variant.name) (\(variant.idea)):\n  " + verdicts.joined(separator: "\n  "))
    }

    @Test func loopVariantsAreTooSlowForTheEfficiencyCases() throws {
        let efficiency = try Self.shipped.get().cases.filter { $0.kind == .efficiency }
        #expect(efficiency.count == 2)
        for variant in CorrectVariants.all where variant.name.hasSuffix("-loops") && efficiency.contains(where: { $0.component == variant.component }) {
            var assignment = try Self.shipped.get()
            assignment.cases = efficiency.filter { $0.component == variant.component }
            let checks = try Grader(assignment: assignment, executor: InProcessExecutor(registry: referenceRegistry(variant.register)))
                .grade(submission: variant.name, build: builtFine).checks
            #expect(checks.allSatisfy { $0.status == .failed && $0.problem == .tooSlow }, "\(variant.name): \(checks.map { $0.reason ?? "" })")
            #expect(checks.allSatisfy { $0.reason?.contains("vectorize it") == true })
        }
        var assignment = try Self.shipped.get()
        assignment.cases = efficiency
        let reference = try Grader(assignment: assignment, executor: InProcessExecutor(registry: referenceRegistry()))
            .grade(submission: "reference", build: builtFine).checks
        #expect(reference.allSatisfy { $0.status == .passed }, "\(reference.map { $0.reason ?? "" })")
    }
}
