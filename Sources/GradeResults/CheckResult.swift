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
    /// The misconception this pattern of failure points to, when one is recognised; on a
    /// passing check, a note on the convention it was accepted under.
    public var misconception: String?
    /// The lecture idea the recognised mistake misses, when it is one known mistake's.
    public var idea: String?
    /// The instructor's hint for this case, shown on failure.
    public var hint: String?
    /// The quantities compared, expected against got.
    public var comparisons: [Comparison]
    /// What the student's code printed while this case ran.
    public var output: CapturedOutput
    /// Wall-clock seconds the case took.
    public var duration: Double
    /// The case's inputs as Swift declarations (`let scores = Matrix([[3.2, 5.1, -1.7]])`) to
    /// paste into a test, when it failed and they are small; nil otherwise.
    public var inputs: String?
    /// True when `grade repro` can write this failed case as a package that runs the student's
    /// code on its inputs; nil when it was not asked (a passing case, an older run).
    public var reproducible: Bool?

    /// Creates a check result.
    public init(name: String, component: String, kind: String, title: String, visibility: Visibility = .visible,
                points: Double, status: CheckStatus, problem: Problem? = nil, reason: String? = nil,
                misconception: String? = nil, idea: String? = nil, hint: String? = nil, comparisons: [Comparison] = [],
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
        self.idea = idea
        self.hint = hint
        self.comparisons = comparisons
        self.output = output
        self.duration = duration
    }
}

extension CheckResult {
    /// How a reason names the line of the student's code where a worker crashed:
    /// `in your code at SVM.swift:14: let m = scores[i, j]`, the last line of the reason.
    public static let crashSitePrefix = "in your code at "

    /// The crash site of the reason, `SVM.swift:14: let m = scores[i, j]`, when it names one.
    public var crashSite: Substring? {
        guard let reason, let line = reason.split(separator: "\n").last(where: { $0.hasPrefix(Self.crashSitePrefix) }) else { return nil }
        return line.dropFirst(Self.crashSitePrefix.count)
    }
}
