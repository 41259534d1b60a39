import GradeKit

/// One call of one component: which component, with which hyper-parameters, on which inputs.
///
/// The inputs each family takes and the outputs it returns are listed in
/// ``ComponentInvoker``.
public struct Invocation: Sendable, Hashable, Codable {
    /// The component name, such as `multiclass-svm`.
    public var component: String
    /// The family the component must belong to.
    public var family: ComponentFamily
    /// The hyper-parameters the component is created with.
    public var hyperparameters: Hyperparameters
    /// The named inputs.
    public var inputs: Values

    /// Creates an invocation.
    public init(component: String, family: ComponentFamily, hyperparameters: Hyperparameters = .init(), inputs: Values) {
        self.component = component
        self.family = family
        self.hyperparameters = hyperparameters
        self.inputs = inputs
    }
}

/// Why an invocation produced no outputs, when the process survived it.
public enum InvocationFailure: Error, Sendable, Hashable, Codable {
    /// The submission registered nothing under this name.
    case notRegistered(component: String)
    /// The submission registered the name with a type of another family.
    case wrongFamily(component: String, expected: ComponentFamily, registered: ComponentFamily)
    /// An input the family needs is missing or of the wrong kind (a fault of the case, not the student).
    case badInput(name: String, expected: String)
    /// An input names a function or objective the runtime does not know.
    case unknownName(input: String, name: String)

    /// A sentence a student or instructor can act on.
    public var message: String {
        switch self {
        case .notRegistered(let c):
            "no conformance is registered under \"\(c)\" in registerComponents(in:)"
        case .wrongFamily(let c, let expected, let registered):
            "\"\(c)\" is registered as a \(registered.rawValue), but it must be a \(expected.rawValue)"
        case .badInput(let name, let expected):
            "input \"\(name)\" must be \(expected)"
        case .unknownName(let input, let name):
            "input \"\(input)\" names \"\(name)\", which is not known"
        }
    }
}

/// A request from the grader to a worker: a batch of invocations run in order.
public struct WorkerRequest: Sendable, Codable {
    /// Identifies the request; the response carries it back.
    public var id: Int
    /// The invocations, run in order in one process.
    public var invocations: [Invocation]
    /// The CPU seconds the whole request may use.
    public var cpuSeconds: Int

    /// Creates a request.
    public init(id: Int, invocations: [Invocation], cpuSeconds: Int) {
        self.id = id
        self.invocations = invocations
        self.cpuSeconds = cpuSeconds
    }
}

/// A worker's answer: the outputs of each invocation, or why it had none.
public struct WorkerResponse: Sendable, Codable {
    /// The id of the request.
    public var id: Int
    /// One result per invocation, in order. Computing stops at the first failure.
    public var results: [WorkerResult]

    /// Creates a response.
    public init(id: Int, results: [WorkerResult]) {
        self.id = id
        self.results = results
    }
}

/// The outcome of one invocation inside a worker.
public enum WorkerResult: Sendable, Codable {
    /// The raw outputs, for the grader to judge.
    case outputs(Values)
    /// The invocation could not run.
    case failure(InvocationFailure)
}
