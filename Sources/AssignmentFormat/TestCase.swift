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

/// The kinds of test case.
public enum CaseKind: String, Sendable, Hashable, CaseIterable {
    /// Literal inputs and a literal expected value from the lecture.
    case workedExample = "worked-example"
    /// Outputs compared with the reference implementation on the same inputs
    /// (for an optimizer: its whole trajectory).
    case reference
    /// The analytic gradient against centered differences of the student's own loss.
    case gradientCheck = "gradient-check"
    /// A behaviour the lecture asks about (see ``PropertyName``).
    case property
    /// A training run that must reach an accuracy.
    case convergence
    /// A numerical-gradient estimator against the exact gradient of a known function.
    case numericalGradient = "numerical-gradient"
}

/// One input of a case: a literal value or a seeded generator.
public enum InputSpec: Sendable, Hashable {
    /// A literal value.
    case literal(Value)
    /// A generated value.
    case generated(Generator)
}

/// A seeded generator of one input.
public enum Generator: Sendable, Hashable {
    /// A matrix of normal samples: `mean + scale · N(0, 1)`.
    case normal(rows: Int, columns: Int, mean: Double, scale: Double)
    /// A matrix of uniform samples in `[low, high)`.
    case uniform(rows: Int, columns: Int, low: Double, high: Double)
    /// `count` labels uniform in `0..<classes`.
    case labels(count: Int, classes: Int)
    /// `count` matrices of normal samples (an optimizer's gradients, one a step).
    case normalList(count: Int, rows: Int, columns: Int, scale: Double)
}

/// What a case's outputs are compared with.
public enum ExpectedSpec: Sendable, Hashable {
    /// Nothing: the kind computes its own verdict (gradient checks, properties, convergence,
    /// numerical-gradient cases compare against exact gradients).
    case none
    /// Literal values, by output name.
    case literal(Values)
    /// The reference implementation's outputs on the same inputs.
    case reference
}

/// Relative and absolute tolerance: `|got − expected| ≤ atol + rtol · |expected|`, entry by entry.
/// NaN and infinity never pass.
public struct Tolerance: Sendable, Hashable {
    /// The relative tolerance.
    public var rtol: Double
    /// The absolute tolerance.
    public var atol: Double

    /// Creates a tolerance.
    public init(rtol: Double, atol: Double) {
        self.rtol = rtol
        self.atol = atol
    }

    /// The default for reference agreement: `rtol 1e-6, atol 1e-9`.
    public static let `default` = Tolerance(rtol: 1e-6, atol: 1e-9)
}

/// The behaviours of the lecture that property cases check.
public enum PropertyName: String, Sendable, Hashable, CaseIterable {
    /// Jiggling the scores of a sample whose margins all hold leaves its SVM loss unchanged.
    case jiggleInvariance = "jiggle-invariance"
    /// Loss and gradient are means over samples: duplicating every sample leaves them unchanged.
    case meanOverSamples = "mean-over-samples"
    /// The SVM sums over j ≠ y_i only: when all scores are equal the loss is exactly (C − 1)·Δ.
    case excludesCorrectClass = "excludes-correct-class"
    /// If W gives zero SVM data loss, so does 2W.
    case scaledWeightsStayZero = "scaled-weights-stay-zero"
    /// Softmax loss is always > 0 and its gradient still pushes the correct class up.
    case softmaxNeverZero = "softmax-never-zero"
    /// Squared hinge is not a rescaling of hinge.
    case squaredHingeIsNotScaledHinge = "squared-hinge-not-scaled-hinge"
    /// Softmax with all scores equal gives log C.
    case uniformScoresGiveLogC = "uniform-scores-give-log-c"
    /// The loss is finite for huge scores such as [1000, 9, 9, 9].
    case numericallyStable = "numerically-stable"
    /// L1 gives equal penalty to w1 = [1,0,0,0] and w2 = [.25,.25,.25,.25]; L2 prefers w2.
    case regularizerPreference = "regularizer-preference"
    /// A learning rate that is too large makes the loss grow; a small one decreases it.
    case learningRateTooLargeDiverges = "learning-rate-too-large-diverges"
}

/// Options of a gradient check.
public struct GradientCheckSpec: Sendable, Hashable {
    /// The input the gradient is taken with respect to, such as `scores`.
    public var input: String
    /// The output holding the analytic gradient, such as `gradient`.
    public var output: String
    /// The centered-difference step h.
    public var step: Double
    /// The largest relative error that passes, away from kinks.
    public var maxRelativeError: Double

    /// Creates gradient-check options.
    public init(input: String, output: String = "gradient", step: Double = 1e-5, maxRelativeError: Double = 1e-6) {
        self.input = input
        self.output = output
        self.step = step
        self.maxRelativeError = maxRelativeError
    }
}

/// A training run that must reach an accuracy on a seeded synthetic dataset.
public struct ConvergenceSpec: Sendable, Hashable {
    /// Samples in the dataset.
    public var samples: Int
    /// Features D of each sample.
    public var features: Int
    /// Classes C.
    public var classes: Int
    /// The distance between class centres, in units of the noise.
    public var separation: Double
    /// The linear-objective component the trainer minimises, such as `linear-softmax`.
    public var objective: String
    /// The training accuracy the trained weights must reach, in [0, 1].
    public var minimumAccuracy: Double

    /// Creates a convergence specification.
    public init(samples: Int, features: Int, classes: Int, separation: Double, objective: String, minimumAccuracy: Double) {
        self.samples = samples
        self.features = features
        self.classes = classes
        self.separation = separation
        self.objective = objective
        self.minimumAccuracy = minimumAccuracy
    }
}

/// A place in a case file.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file path, relative to the assignment folder where possible.
    public var file: String
    /// The 1-based line, 0 when unknown.
    public var line: Int
    /// The 1-based column, 0 when unknown.
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// An unknown place.
    public static let unknown = SourceLocation(file: "", line: 0, column: 0)

    /// `file:line:column`.
    public var description: String { line > 0 ? "\(file):\(line):\(column)" : file }
}
