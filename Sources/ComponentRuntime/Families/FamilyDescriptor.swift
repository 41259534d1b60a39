import GradeKit

/// Everything the grader knows about one component family: its ports, which outputs are
/// gradients of which inputs, which inputs hold one row per sample, the rules their shapes
/// keep, and how to invoke a conformance.
///
/// Case-file validation, invocation, gradient checks, properties, diagnosis and the
/// documentation's tables all read it; nothing else says what a family takes.
/// ``FamilyCatalog/standard`` lists the descriptors of the course.
public struct FamilyDescriptor: Sendable {
    /// One input or output: the port and what it holds.
    public struct PortDescription: Sendable, Hashable {
        /// The port.
        public let port: AnyPort
        /// What it holds, for documentation and messages: `S, N×C class scores`.
        public let summary: String

        /// Describes `port`.
        public init<V>(_ port: Port<V>, _ summary: String) {
            self.port = port.erased
            self.summary = summary
        }

        /// The name, a key of ``Values``.
        public var name: String { port.name }
        /// The kind of its value.
        public var kind: ValueKind { port.kind }
    }

    /// An output that holds the gradient of the loss with respect to an input.
    public struct GradientPair: Sendable, Hashable {
        /// The input differentiated, such as `scores`.
        public let input: Port<Matrix>
        /// The output holding `∂L/∂input`, such as `gradient`; it has the input's shape.
        public let output: Port<Matrix>

        /// Pairs `output` as the gradient with respect to `input`.
        public init(of input: Port<Matrix>, in output: Port<Matrix>) {
            self.input = input
            self.output = output
        }
    }

    /// Runs a conformance of the family on the inputs of an invocation.
    public typealias Invoke = @Sendable (InvocationContext) throws(InvocationFailure) -> Values

    /// The family described.
    public let family: ComponentFamily
    /// The protocol its components conform to, for documentation: `ScoreLoss`.
    public let protocolName: String
    /// The requirement one call of the family is, such as `lossAndGradient`: its argument
    /// labels are the names of ``inputs`` in order, and its result's properties those of
    /// ``outputs``; `grade repro` writes the call from it. Nil when a call is more than one
    /// requirement (an optimizer steps, a trainer trains, an estimator takes a test function).
    public let requirement: String?
    /// Every input the family may take.
    public let inputs: [PortDescription]
    /// The combinations of inputs an invocation may carry, each complete: one for most
    /// families; an optimizer takes either a list of gradients or an objective with steps.
    public let inputSets: [[String]]
    /// Every output the family returns, in report order: the loss, then gradients.
    public let outputs: [PortDescription]
    /// The outputs that are gradients, each of an input; empty for a family without one.
    public let gradients: [GradientPair]
    /// The inputs with one row (or entry) per sample, in order; the first matrix among them
    /// gives the sample count N. Empty when the family has no samples.
    public let perSampleInputs: [AnyPort]
    /// Outputs other than gradients that must have an input's shape: an optimizer's
    /// trajectory, one matrix a step, each shaped like the parameters.
    public let shapedLikeInput: [(output: AnyPort, input: Port<Matrix>)]
    /// True when the loss can never be negative (every loss of the course, with λ, β ≥ 0): a
    /// negative one is a mistake worth naming.
    public let lossIsNonNegative: Bool
    /// The rules the inputs keep.
    public let shapeRules: [ShapeRule]
    /// Other ways of using the family, by name.
    public let variants: [FamilyVariant]
    /// Runs a conformance.
    public let invoke: Invoke

    /// Creates a descriptor; without `inputSets` the one input set is every input.
    public init(family: ComponentFamily, protocolName: String, requirement: String? = nil, inputs: [PortDescription], inputSets: [[String]]? = nil,
                outputs: [PortDescription], gradients: [GradientPair] = [], perSampleInputs: [AnyPort] = [],
                shapedLikeInput: [(output: AnyPort, input: Port<Matrix>)] = [], lossIsNonNegative: Bool = false,
                shapeRules: [ShapeRule] = [],
                variants: [FamilyVariant] = [], invoke: @escaping Invoke) {
        self.family = family
        self.protocolName = protocolName
        self.requirement = requirement
        self.inputs = inputs
        self.inputSets = inputSets ?? [inputs.map(\.name)]
        self.outputs = outputs
        self.gradients = gradients
        self.perSampleInputs = perSampleInputs
        self.shapedLikeInput = shapedLikeInput
        self.lossIsNonNegative = lossIsNonNegative
        self.shapeRules = shapeRules
        self.variants = variants
        self.invoke = invoke
    }

    /// The input called `name`, if the family takes one.
    public func input(named name: String) -> PortDescription? { inputs.first { $0.name == name } }

    /// The output called `name`, if the family returns one.
    public func output(named name: String) -> PortDescription? { outputs.first { $0.name == name } }

    /// The inputs that are matrices, in order.
    public var matrixInputs: [String] { inputs.filter { $0.kind == .matrix }.map(\.name) }

    /// Whether the output called `name` is the gradient of an input.
    public func isGradient(_ name: String) -> Bool { gradients.contains { $0.output.name == name } }

    /// The gradient output for `input`, if the family has one.
    public func gradient(of input: String) -> GradientPair? { gradients.first { $0.input.name == input } }

    /// The input whose shape the output called `name` has: the differentiated input of a
    /// gradient, the parameters of a trajectory.
    public func shapeSource(ofOutput name: String) -> Port<Matrix>? {
        gradients.first { $0.output.name == name }?.input ?? shapedLikeInput.first { $0.output.name == name }?.input
    }

    /// The number of samples N of `inputs`: the rows of the first per-sample matrix; nil
    /// when the family has no samples or the input is missing.
    public func sampleCount(of inputs: Values) -> Int? {
        for port in perSampleInputs where port.kind == .matrix {
            if case .matrix(let m)? = inputs[port] { return m.rows }
        }
        return nil
    }

    /// Whether the family returns a scalar `loss`.
    public var hasLoss: Bool { output(named: Port<Double>.loss.name)?.kind == .scalar }

    /// Outputs in report order: the order of ``outputs``, then any others by name.
    public func reportOrder(_ a: String, _ b: String) -> Bool {
        let rank = { (name: String) in outputs.firstIndex { $0.name == name } ?? outputs.count }
        return rank(a) != rank(b) ? rank(a) < rank(b) : a < b
    }

    /// The rules of the variant called `name`, or the family's own.
    public func shapeRules(variant name: String?) -> [ShapeRule] {
        guard let name, let variant = variants.first(where: { $0.name == name }) else { return shapeRules }
        return variant.shapeRules
    }
}
