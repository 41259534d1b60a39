/// Everything one grading run found: the build, and the result of every check,
/// grouped by component. Every report writer is fed this one value.
public struct GradeRun: Sendable, Hashable, Codable {
    /// The assignment that was graded.
    public var assignment: AssignmentSummary
    /// What was graded: a folder path, or `reference`.
    public var submission: String
    /// The seed that generated the random inputs.
    public var seed: UInt64
    /// How building the submission went.
    public var build: BuildOutcome
    /// The results, one group per component, in the assignment's order.
    public var components: [ComponentResult]
    /// Wall-clock seconds for the whole run.
    public var duration: Double
    /// The isolation student code ran under, when it ran.
    public var isolation: Isolation?

    /// Creates a run.
    public init(assignment: AssignmentSummary, submission: String, seed: UInt64, build: BuildOutcome,
                components: [ComponentResult], duration: Double) {
        self.assignment = assignment
        self.submission = submission
        self.seed = seed
        self.build = build
        self.components = components
        self.duration = duration
    }

    /// Every check of every component, in order.
    public var checks: [CheckResult] { components.flatMap(\.checks) }
    /// Points earned.
    public var score: Double { components.reduce(0) { $0 + $1.score } }
    /// Points available.
    public var maxScore: Double { components.reduce(0) { $0 + $1.maxScore } }
    /// True when every check passed.
    public var allPassed: Bool { build.succeeded && checks.allSatisfy { $0.status == .passed } }
    /// The number of checks with each status.
    public func count(_ status: CheckStatus) -> Int { checks.filter { $0.status == status }.count }
}
