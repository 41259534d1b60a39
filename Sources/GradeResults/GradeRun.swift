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

/// The assignment as reports name it.
public struct AssignmentSummary: Sendable, Hashable, Codable {
    /// The folder name, such as `assignment3`.
    public var id: String
    /// The human title.
    public var title: String

    /// Creates a summary.
    public init(id: String, title: String) {
        self.id = id
        self.title = title
    }
}

/// The outcome of compiling a submission.
public struct BuildOutcome: Sendable, Hashable, Codable {
    /// True when the submission compiled and linked.
    public var succeeded: Bool
    /// The compiler's errors and warnings located in the submission's files.
    public var diagnostics: [Diagnostic]
    /// The compiler's output, trimmed.
    public var log: String
    /// Wall-clock seconds the build took (0 when a cached build was reused).
    public var duration: Double

    /// Creates a build outcome.
    public init(succeeded: Bool, diagnostics: [Diagnostic] = [], log: String = "", duration: Double = 0) {
        self.succeeded = succeeded
        self.diagnostics = diagnostics
        self.log = log
        self.duration = duration
    }
}

/// One compiler message at a place in a submission file.
public struct Diagnostic: Sendable, Hashable, Codable {
    /// `error`, `warning` or `note`.
    public var severity: String
    /// The file, relative to the submission folder.
    public var file: String
    /// The 1-based line.
    public var line: Int
    /// The 1-based column.
    public var column: Int
    /// The message.
    public var message: String

    /// Creates a diagnostic.
    public init(severity: String, file: String, line: Int, column: Int, message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line:column: severity: message`, as compilers print it.
    public var formatted: String { "\(file):\(line):\(column): \(severity): \(message)" }
}

/// The checks of one component.
public struct ComponentResult: Sendable, Hashable, Codable {
    /// The component name, such as `multiclass-svm`.
    public var name: String
    /// The human title, such as `Multiclass SVM loss`.
    public var title: String
    /// The checks, in case-file order.
    public var checks: [CheckResult]

    /// Creates a component result.
    public init(name: String, title: String, checks: [CheckResult]) {
        self.name = name
        self.title = title
        self.checks = checks
    }

    /// Points earned.
    public var score: Double { checks.reduce(0) { $0 + $1.score } }
    /// Points available.
    public var maxScore: Double { checks.reduce(0) { $0 + $1.points } }
    /// True when the submission did not implement this component.
    public var isNotImplemented: Bool { !checks.isEmpty && checks.allSatisfy { $0.status == .notImplemented } }
}
