import AssignmentFormat
import ComponentRuntime
import GradeKit
import GradeResults

/// How well an assignment's cases catch the known mistakes: every mutant of the catalogue
/// whose component the assignment has is graded (in process: mutants are trusted code), and
/// each is killed by the cases it fails.
public struct MutationScore: Sendable {
    /// One mutant's grading.
    public struct Row: Sendable {
        /// The mutant.
        public let mistake: KnownMistake
        /// The convention policy, when the assignment declares the mutant a convention.
        public let policy: ConventionPolicy?
        /// The cases it fails, in assignment order.
        public let killedBy: [String]
        /// The points it loses, in its own component.
        public let pointsLost: Double
        /// The points of its component.
        public let componentPoints: Double
        /// Components other than its own where it loses points (through a caller).
        public let alsoFails: [String]

        /// The share of its component's points it loses.
        public var share: Double { componentPoints > 0 ? pointsLost / componentPoints : 0 }
    }

    /// Every mutant, in catalogue order.
    public let rows: [Row]
    /// The share of a component's points every mutant must cost.
    public let minimumShare: Double
    /// Whether the assignment asks for every mistake to be caught (it sets a minimum share).
    public var isRequired: Bool = false

    /// Mistakes (not accepted conventions) that no case kills.
    public var survivors: [Row] { rows.filter { $0.killedBy.isEmpty && !$0.isAccepted } }
    /// Mistakes killed for less than ``minimumShare`` of their component's points.
    public var cheap: [Row] { rows.filter { !$0.killedBy.isEmpty && !$0.isAccepted && $0.share + 1e-9 < minimumShare } }
    /// Accepted conventions that some case fails.
    public var rejectedConventions: [Row] { rows.filter { $0.isAccepted && !$0.killedBy.isEmpty } }

    /// Grades every mutant of `oracle` on the cases of `assignment` that run its component.
    public static func measure(_ assignment: Assignment, oracle: ReferenceOracle = ReferenceOracle()) throws(CaseError) -> MutationScore {
        let minimumShare = assignment.minimumMistakeShare ?? 0
        var rows: [Row] = []
        for mistake in oracle.mistakes where assignment.component(named: mistake.component) != nil {
            guard let registry = oracle.registry(making: mistake) else { continue }
            let executor = TrustedExecutor(registry: registry, families: assignment.families)
            // Only the cases that run the mistaken component can see it: the others give the
            // reference's outputs, which pass.
            var running = assignment
            running.cases = assignment.cases.filter { $0.component == mistake.component || assignment.dependencies(of: $0).contains(mistake.component) }
            let grader = Grader(assignment: running, executor: executor, oracle: oracle)
            let run = try grader.grade(submission: mistake.key, build: BuildOutcome(succeeded: true))
            let own = run.checks.filter { $0.component == mistake.component }
            let killed = own.filter { $0.status != .passed }
            let others = Set(run.checks.filter { $0.component != mistake.component && $0.status != .passed }.map(\.component))
            rows.append(Row(mistake: mistake, policy: assignment.conventions[mistake.key], killedBy: killed.map(\.name),
                            pointsLost: killed.reduce(0) { $0 + $1.points }, componentPoints: own.reduce(0) { $0 + $1.points },
                            alsoFails: assignment.components.map(\.name).filter(others.contains)))
        }
        return MutationScore(rows: rows, minimumShare: minimumShare, isRequired: assignment.minimumMistakeShare != nil)
    }
}

extension MutationScore.Row {
    /// True for a convention the assignment accepts: no case should fail it.
    public var isAccepted: Bool { policy == .accepted || policy == .acceptedWithNote }
}
