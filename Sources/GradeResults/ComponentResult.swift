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
