/// The verdict on one test case.
public struct CheckResult: Sendable, Hashable, Codable {
    /// The case name, unique within the assignment and stable across runs.
    public var name: String
    /// The component the case checks.
    public var component: String
    /// The kind of case: `worked-example`, `reference`, `gradient-check`, `property`,
    /// `optimizer`, `convergence`, `numerical-gradient`.
    public var kind: String
    /// A one-line description, such as "SVM loss of the cat image (lecture: 2.9)".
    public var title: String
    /// Who may see the case's inputs and expected values.
    public var visibility: Visibility
    /// Points the case is worth.
    public var points: Double
    /// Points earned: `points` when passed, 0 otherwise.
    public var score: Double
    /// Passed, failed, error or not implemented.
    public var status: CheckStatus
    /// For a failure or error, what kind it is (the JUnit `type`).
    public var problem: Problem?
    /// Why it failed or errored, in one or two sentences a student can act on.
    public var reason: String?
    /// The misconception this pattern of failure points to, when one is recognised.
    public var misconception: String?
    /// The instructor's hint for this case, shown on failure.
    public var hint: String?
    /// The quantities compared, expected against got.
    public var comparisons: [Comparison]
    /// What the student's code printed while this case ran.
    public var output: CapturedOutput
    /// Wall-clock seconds the case took.
    public var duration: Double

    /// Creates a check result.
    public init(name: String, component: String, kind: String, title: String, visibility: Visibility = .visible,
                points: Double, status: CheckStatus, problem: Problem? = nil, reason: String? = nil,
                misconception: String? = nil, hint: String? = nil, comparisons: [Comparison] = [],
                output: CapturedOutput = .init(), duration: Double = 0) {
        self.name = name
        self.component = component
        self.kind = kind
        self.title = title
        self.visibility = visibility
        self.points = points
        self.score = status == .passed ? points : 0
        self.status = status
        self.problem = problem
        self.reason = reason
        self.misconception = misconception
        self.hint = hint
        self.comparisons = comparisons
        self.output = output
        self.duration = duration
    }
}

/// Whether a check passed.
public enum CheckStatus: String, Sendable, Hashable, Codable {
    /// Every comparison held.
    case passed
    /// The code ran and gave a wrong answer (JUnit `failure`).
    case failed
    /// The code crashed, hung, hit a limit or did not build (JUnit `error`).
    case error
    /// The component is not implemented (reported as a failure).
    case notImplemented = "not-implemented"
}

/// What went wrong, as the JUnit `type` attribute and report tags name it.
public enum Problem: String, Sendable, Hashable, Codable {
    // Failures: the code ran.
    case wrongValue = "wrong-value"
    case wrongGradient = "wrong-gradient"
    case wrongShape = "wrong-shape"
    case nonFinite = "non-finite"
    case propertyViolated = "property-violated"
    case didNotConverge = "did-not-converge"
    case notImplemented = "not-implemented"
    // Errors: the code did not finish.
    case crash
    case timeout
    case cpuLimit = "cpu-limit"
    case memoryLimit = "memory-limit"
    case outputLimit = "output-limit"
    case missingResult = "missing-result"
    case buildFailure = "build-failure"
    case dependencyFailed = "dependency-failed"

    /// True for the problems that are errors rather than failures.
    public var isError: Bool {
        switch self {
        case .crash, .timeout, .cpuLimit, .memoryLimit, .outputLimit, .missingResult, .buildFailure: true
        default: false
        }
    }
}

/// Who may see a case's inputs, expected values and outputs.
public enum Visibility: String, Sendable, Hashable, Codable, CaseIterable {
    /// Shown to students.
    case visible
    /// Graded, but only its name, points and verdict are shown to students.
    case hidden
    /// Shown to students after the due date (Gradescope's `after_due_date`).
    case afterDueDate = "after_due_date"
}

/// One quantity compared: expected against got.
public struct Comparison: Sendable, Hashable, Codable {
    /// What was compared: `loss`, `gradient`, `trajectory[3]`, `gradient[2,1]`.
    public var quantity: String
    /// The expected value, formatted for people (a number, or a matrix abbreviated).
    public var expected: String
    /// The value the submission gave, formatted the same way.
    public var got: String
    /// The largest relative error over the entries, when both were finite numbers.
    public var relativeError: Double?
    /// The tolerance it was held to, such as `rtol 1e-6, atol 1e-9`.
    public var tolerance: String
    /// True when the comparison held.
    public var passed: Bool

    /// Creates a comparison.
    public init(quantity: String, expected: String, got: String, relativeError: Double?, tolerance: String, passed: Bool) {
        self.quantity = quantity
        self.expected = expected
        self.got = got
        self.relativeError = relativeError
        self.tolerance = tolerance
        self.passed = passed
    }
}

/// What student code printed during a case, already capped.
public struct CapturedOutput: Sendable, Hashable, Codable {
    /// Standard output and standard error of the student's code, interleaved as read.
    public var text: String
    /// True when more was printed than was kept.
    public var truncated: Bool
    /// The number of bytes printed in all.
    public var totalBytes: Int

    /// Creates captured output.
    public init(text: String = "", truncated: Bool = false, totalBytes: Int = 0) {
        self.text = text
        self.truncated = truncated
        self.totalBytes = totalBytes
    }
}
