import GradeKit

/// The inputs a component family takes and the outputs it returns, by name and kind:
/// the one place that says what a case file may write for each family.
///
/// It mirrors the table of ``ComponentInvoker``:
///
/// | family | inputs | outputs |
/// |---|---|---|
/// | score-loss | `scores` matrix, `labels` integers | `loss`, `gradient` |
/// | regression-loss | `predictions`, `targets` matrices | `loss`, `gradient` |
/// | pairwise-loss | `first`, `second` matrices, `similar` integers | `loss`, `gradientFirst`, `gradientSecond` |
/// | triplet-loss | `anchors`, `positives`, `negatives` matrices | `loss`, `gradientAnchors`, `gradientPositives`, `gradientNegatives` |
/// | distillation-loss | `studentLogits`, `teacherLogits` matrices, `labels` integers | `loss`, `gradient` |
/// | regularizer | `weights` matrix | `loss`, `gradient` |
/// | linear-objective | `weights`, `inputs` matrices, `labels` integers | `loss`, `gradient` |
/// | numerical-gradient | `function` text, `point` matrix | `gradient` |
/// | optimizer | `parameters` matrix and either `gradients` matrices or `objective` text with `steps` integers | `trajectory` matrices |
/// | learning-rate-schedule | `steps` integers | `rates` series |
/// | minibatch-trainer | `weights`, `inputs` matrices, `labels`, `seed` integers, `objective` text | `weights` matrix, `lossHistory` series |
public struct FamilySignature: Sendable, Hashable {
    /// The kind of a value: which case of ``Value`` it is.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A number, ``Value/scalar(_:)``.
        case scalar
        /// A matrix, written as a list of rows, ``Value/matrix(_:)``.
        case matrix
        /// A list of integers, ``Value/integers(_:)``.
        case integers
        /// A list of matrices, ``Value/matrices(_:)``.
        case matrices
        /// A name, ``Value/text(_:)``.
        case text
        /// A list of numbers, ``Value/series(_:)``.
        case series

        /// How a case file writes a value of this kind, for messages: `a matrix (a list of rows, e.g. [[1, 2], [3, 4]])`.
        public var writtenForm: String {
            switch self {
            case .scalar: "a number, e.g. 2.9"
            case .matrix: "a matrix (a list of rows, e.g. [[1, 2], [3, 4]])"
            case .integers: "a list of integers, e.g. [0, 2, 1]"
            case .matrices: "a list of matrices, e.g. [[[1, 2]], [[3, 4]]]"
            case .text: "a name, e.g. seed004-quadratic"
            case .series: "a list of numbers, e.g. [0.1, 0.05]"
            }
        }

        /// Whether `value` is of this kind.
        public func matches(_ value: Value) -> Bool {
            switch (self, value) {
            case (.scalar, .scalar), (.matrix, .matrix), (.integers, .integers), (.matrices, .matrices),
                 (.text, .text), (.series, .series): true
            default: false
            }
        }
    }

    /// One named input or output.
    public struct Port: Sendable, Hashable {
        /// The name, a key of ``Values``.
        public let name: String
        /// The kind of its value.
        public let kind: Kind
        /// What it holds, for documentation and messages.
        public let summary: String

        /// Creates a port.
        public init(_ name: String, _ kind: Kind, _ summary: String) {
            self.name = name
            self.kind = kind
            self.summary = summary
        }
    }

    /// The family described.
    public let family: ComponentFamily
    /// Every input the family may take.
    public let inputs: [Port]
    /// The combinations of inputs an invocation may carry, each complete: one for most families;
    /// an optimizer takes either a list of gradients or an objective with a number of steps.
    public let inputSets: [[String]]
    /// Every output the family returns.
    public let outputs: [Port]

    /// Creates a signature whose single input set is every input.
    init(_ family: ComponentFamily, inputs: [Port], inputSets: [[String]]? = nil, outputs: [Port]) {
        self.family = family
        self.inputs = inputs
        self.inputSets = inputSets ?? [inputs.map(\.name)]
        self.outputs = outputs
    }

    /// The input called `name`, if the family takes one.
    public func input(named name: String) -> Port? { inputs.first { $0.name == name } }

    /// The output called `name`, if the family returns one.
    public func output(named name: String) -> Port? { outputs.first { $0.name == name } }

    /// The signature of `family`.
    public static func of(_ family: ComponentFamily) -> FamilySignature {
        all.first { $0.family == family }!
    }

    /// The signature of every family, in ``ComponentFamily`` order.
    public static let all: [FamilySignature] = [
        FamilySignature(.scoreLoss,
                        inputs: [Port("scores", .matrix, "S, N×C class scores (N×1 logits for binary cross-entropy)"),
                                 Port("labels", .integers, "y, N labels in 0..<C (0 or 1 for binary cross-entropy)")],
                        outputs: [Port("loss", .scalar, "the mean loss"), Port("gradient", .matrix, "∂L/∂S, N×C")]),
        FamilySignature(.regressionLoss,
                        inputs: [Port("predictions", .matrix, "ŷ, N×K"), Port("targets", .matrix, "y, N×K")],
                        outputs: [Port("loss", .scalar, "the mean loss"), Port("gradient", .matrix, "∂L/∂ŷ, N×K")]),
        FamilySignature(.pairwiseLoss,
                        inputs: [Port("first", .matrix, "r0, N×D embeddings"), Port("second", .matrix, "r1, N×D embeddings"),
                                 Port("similar", .integers, "N labels, 1 for a positive pair, 0 for a negative pair")],
                        outputs: [Port("loss", .scalar, "the mean loss"), Port("gradientFirst", .matrix, "∂L/∂r0, N×D"),
                                  Port("gradientSecond", .matrix, "∂L/∂r1, N×D")]),
        FamilySignature(.tripletLoss,
                        inputs: [Port("anchors", .matrix, "a, N×D"), Port("positives", .matrix, "p, N×D"),
                                 Port("negatives", .matrix, "n, N×D")],
                        outputs: [Port("loss", .scalar, "the mean loss"), Port("gradientAnchors", .matrix, "∂L/∂a, N×D"),
                                  Port("gradientPositives", .matrix, "∂L/∂p, N×D"),
                                  Port("gradientNegatives", .matrix, "∂L/∂n, N×D")]),
        FamilySignature(.distillationLoss,
                        inputs: [Port("studentLogits", .matrix, "z, N×C"), Port("teacherLogits", .matrix, "t, N×C"),
                                 Port("labels", .integers, "y, N labels in 0..<C")],
                        outputs: [Port("loss", .scalar, "the mean loss"), Port("gradient", .matrix, "∂L/∂z, N×C")]),
        FamilySignature(.regularizer,
                        inputs: [Port("weights", .matrix, "W, any shape")],
                        outputs: [Port("loss", .scalar, "the penalty R(W)"), Port("gradient", .matrix, "∂R/∂W")]),
        FamilySignature(.linearObjective,
                        inputs: [Port("weights", .matrix, "W, D×C"), Port("inputs", .matrix, "X, N×D"),
                                 Port("labels", .integers, "y, N labels in 0..<C")],
                        outputs: [Port("loss", .scalar, "data loss + λ R(W)"), Port("gradient", .matrix, "∂L/∂W, D×C")]),
        FamilySignature(.numericalGradient,
                        inputs: [Port("function", .text, "the name of a test function"),
                                 Port("point", .matrix, "x, where the gradient is estimated")],
                        outputs: [Port("gradient", .matrix, "the estimated ∇f(x), shaped like x")]),
        FamilySignature(.optimizer,
                        inputs: [Port("parameters", .matrix, "the starting W"),
                                 Port("gradients", .matrices, "one gradient a step, each shaped like W"),
                                 Port("objective", .text, "the name of a test function to descend"),
                                 Port("steps", .integers, "[n], the number of steps on the objective")],
                        inputSets: [["parameters", "gradients"], ["parameters", "objective", "steps"]],
                        outputs: [Port("trajectory", .matrices, "W after each step")]),
        FamilySignature(.learningRateSchedule,
                        inputs: [Port("steps", .integers, "the steps t the rate is asked for")],
                        outputs: [Port("rates", .series, "α_t for each step")]),
        FamilySignature(.minibatchTrainer,
                        inputs: [Port("weights", .matrix, "the starting W, D×C"), Port("inputs", .matrix, "X, N×D"),
                                 Port("labels", .integers, "y, N labels in 0..<C"),
                                 Port("seed", .integers, "[s], the seed of the minibatch sampler"),
                                 Port("objective", .text, "the linear-objective component trained")],
                        outputs: [Port("weights", .matrix, "the trained W"),
                                  Port("lossHistory", .series, "the minibatch loss of every iteration")]),
    ]
}

extension FamilySignature {
    /// The inputs the family's gradients are taken with respect to, each with the output that
    /// holds that gradient; empty for families without one.
    public var gradients: [(input: String, output: String)] {
        switch family {
        case .scoreLoss: [("scores", "gradient")]
        case .regressionLoss: [("predictions", "gradient")]
        case .pairwiseLoss: [("first", "gradientFirst"), ("second", "gradientSecond")]
        case .tripletLoss: [("anchors", "gradientAnchors"), ("positives", "gradientPositives"), ("negatives", "gradientNegatives")]
        case .distillationLoss: [("studentLogits", "gradient")]
        case .regularizer, .linearObjective: [("weights", "gradient")]
        case .numericalGradient, .optimizer, .learningRateSchedule, .minibatchTrainer: []
        }
    }
}
