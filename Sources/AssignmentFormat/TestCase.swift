import ComponentRuntime
import GradeKit
import GradeResults

/// One test case of an assignment, as an instructor wrote it in a case file, validated.
public struct TestCase: Sendable, Hashable {
    /// The name, unique within the assignment; reports use it as the stable test id.
    public var name: String
    /// The component the case checks, such as `multiclass-svm`.
    public var component: String
    /// What the case checks, with what that check needs.
    public var check: Check
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
    /// The output names compared; empty means every output of the family.
    public var compare: [String]
    /// How close is close enough.
    public var tolerance: Tolerance
    /// Shown to the student when the case fails (see ``hintWhen``).
    public var hint: String?
    /// The evidence the hint is about; empty for a hint shown on every failure in which no
    /// known mistake was named.
    public var hintWhen: [HintCondition]
    /// Wall-clock seconds the case may take; nil means the assignment's default.
    public var timeout: Double?
    /// Where the case was written.
    public var location: SourceLocation
    /// The fingerprint (``ComponentRuntime/Values/fingerprint``) of the generated inputs whose
    /// outputs the case records (a student kit keeps large inputs as generators): the inputs
    /// are then drawn from the case's own seed on every run, and must have it.
    public var inputsFingerprint: String?

    /// The kind of check, as case files name it.
    public var kind: CaseKind { check.kind }

    /// Creates a case.
    public init(name: String, component: String, check: Check, title: String? = nil, points: Double = 1,
                visibility: Visibility = .visible, hyperparameters: Hyperparameters = .init(), seed: UInt64 = 0,
                inputs: [String: InputSpec] = [:], compare: [String] = [], tolerance: Tolerance = .default,
                hint: String? = nil, hintWhen: [HintCondition] = [], timeout: Double? = nil, location: SourceLocation = .unknown) {
        self.name = name
        self.component = component
        self.check = check
        self.title = title ?? name
        self.points = points
        self.visibility = visibility
        self.hyperparameters = hyperparameters
        self.seed = seed
        self.inputs = inputs
        self.compare = compare
        self.tolerance = tolerance
        self.hint = hint
        self.hintWhen = hintWhen
        self.timeout = timeout
        self.location = location
    }
}
