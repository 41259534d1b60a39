import ComponentRuntime
import GradeKit
import GradeResults

/// One test case of an assignment, as an instructor wrote it in a case file.
public struct TestCase: Sendable, Hashable {
    /// The name, unique within the assignment; reports use it as the stable test id.
    public var name: String
    /// The component the case checks, such as `multiclass-svm`.
    public var component: String
    /// What kind of check it is.
    public var kind: CaseKind
    /// A one-line description for reports; defaults to the name.
    public var title: String
    /// Points the case is worth (≥ 0).
    public var points: Double
    /// Who may see its inputs and expected values.
    public var visibility: Visibility
    /// The hyper-parameters the component is created with.
    public var hyperparameters: Hyperparameters
    /// The seed of every generated input; the run's `--seed` is mixed in when given.
    public var seed: UInt64
    /// The inputs: each literal or generated.
    public var inputs: [String: InputSpec]
    /// What the outputs are compared with.
    public var expected: ExpectedSpec
    /// The output names compared; empty means every output of the family.
    public var compare: [String]
    /// How close is close enough.
    public var tolerance: Tolerance
    /// Shown to the student when the case fails.
    public var hint: String?
    /// Wall-clock seconds the case may take; nil means the assignment's default.
    public var timeout: Double?
    /// For `worked-example`: report the loss in base-b units, `loss / ln b` (the lecture's 0.89 is base 10).
    public var logBase: Double?
    /// For `property`: which property.
    public var property: PropertyName?
    /// For `gradient-check`: the input the gradient is taken with respect to, and the step h;
    /// nil checks every differentiable input of the family against its gradient output.
    public var gradientCheck: GradientCheckSpec?
    /// For `convergence`: the dataset and the accuracy to reach.
    public var convergence: ConvergenceSpec?
    /// Where the case was written.
    public var location: SourceLocation

    /// Creates a case.
    public init(name: String, component: String, kind: CaseKind, title: String? = nil, points: Double = 1,
                visibility: Visibility = .visible, hyperparameters: Hyperparameters = .init(), seed: UInt64 = 0,
                inputs: [String: InputSpec] = [:], expected: ExpectedSpec = .none, compare: [String] = [],
                tolerance: Tolerance = .default, hint: String? = nil, timeout: Double? = nil, logBase: Double? = nil,
                property: PropertyName? = nil, gradientCheck: GradientCheckSpec? = nil,
                convergence: ConvergenceSpec? = nil, location: SourceLocation = .unknown) {
        self.name = name
        self.component = component
        self.kind = kind
        self.title = title ?? name
        self.points = points
        self.visibility = visibility
        self.hyperparameters = hyperparameters
        self.seed = seed
        self.inputs = inputs
        self.expected = expected
        self.compare = compare
        self.tolerance = tolerance
        self.hint = hint
        self.timeout = timeout
        self.logBase = logBase
        self.property = property
        self.gradientCheck = gradientCheck
        self.convergence = convergence
        self.location = location
    }
}
