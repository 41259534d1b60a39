import ComponentRuntime
import GradeKit
import GradeResults

/// Options of a gradient check.
public struct GradientCheckSpec: Sendable, Hashable {
    /// Which entries a gradient check confirms, and how.
    public enum Mode: Sendable, Hashable {
        /// Every entry, each by its own centered difference: 2 calls an entry.
        case all
        /// `count` entries drawn at random (seeded by the case), like CS231n's
        /// `grad_check_sparse`: 2 calls an entry.
        case sample(Int)
        /// `count` random unit directions v: the directional derivative ⟨∇f, v⟩ against
        /// `(f(x + h·v) − f(x − h·v)) / 2h`, every entry at once, 2 calls a direction. A failing
        /// direction is halved until one entry is left, which the report names.
        case directions(Int)

        /// How the mode is written in a case file: `all`, `{sample: 10}`, `{directions: 8}`.
        public var caseFileText: String {
            switch self {
            case .all: "all"
            case .sample(let k): "{sample: \(k)}"
            case .directions(let k): "{directions: \(k)}"
            }
        }
    }

    /// The input the gradient is taken with respect to, such as `scores`.
    public var input: String
    /// The output holding the analytic gradient, such as `gradient`.
    public var output: String
    /// The centered-difference step h.
    public var step: Double
    /// The largest relative error that passes, away from kinks.
    public var maxRelativeError: Double
    /// The mode; nil picks one by the size of the input (``mode(forEntries:)``).
    public var mode: Mode?

    /// Creates gradient-check options.
    public init(input: String, output: String = "gradient", step: Double = 1e-5, maxRelativeError: Double = 1e-6,
                mode: Mode? = nil) {
        self.input = input
        self.output = output
        self.step = step
        self.maxRelativeError = maxRelativeError
        self.mode = mode
    }

    /// The largest input whose every entry is checked when the case names no mode.
    public static let allEntriesUpTo = 1024
    /// The directions of a larger input when the case names no mode.
    public static let defaultDirections = 4

    /// The mode used on an input of `entries` entries: the case's, or `all` up to
    /// ``allEntriesUpTo`` entries and ``defaultDirections`` directions beyond.
    public func mode(forEntries entries: Int) -> Mode {
        mode ?? (entries <= Self.allEntriesUpTo ? .all : .directions(Self.defaultDirections))
    }
}
