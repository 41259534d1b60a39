import GradeKit

/// A request from the grader to a worker: a batch of invocations run in order.
///
/// On the wire, consecutive invocations on the same inputs share one copy of them: a gradient
/// check's thousands of varied calls send their inputs once (`inputSets`, and each call's
/// `inputSet` index into it).
public struct WorkerRequest: Sendable, Codable {
    /// Identifies the request; the response carries it back.
    public var id: Int
    /// The invocations, run in order in one process.
    public var invocations: [Invocation]
    /// The CPU seconds the whole request may use.
    public var cpuSeconds: Int
    /// Large inputs the grader drew, which the worker draws again from their recipes instead
    /// of reading their entries (``DrawnMatrix``); the grader's side only, never decoded.
    public var drawn: [DrawnMatrix]
    /// Large inputs the worker is to draw now and keep for the requests to come, while the
    /// grader draws its own copy (``DrawnInputs``). A request with no invocations only
    /// prepares, and is answered by nothing.
    public var prepare: [DrawnMatrix.Recipe]

    /// Creates a request.
    public init(id: Int, invocations: [Invocation], cpuSeconds: Int, drawn: [DrawnMatrix] = [], prepare: [DrawnMatrix.Recipe] = []) {
        self.id = id
        self.invocations = invocations
        self.cpuSeconds = cpuSeconds
        self.drawn = drawn
        self.prepare = prepare
    }

    /// A request that only prepares `recipes`.
    public static func preparing(_ recipes: [DrawnMatrix.Recipe]) -> WorkerRequest {
        WorkerRequest(id: 0, invocations: [], cpuSeconds: 0, prepare: recipes)
    }

    private enum CodingKeys: String, CodingKey {
        case id, cpuSeconds, inputSets, calls, prepare
    }

    /// An invocation on the wire: its inputs by index into the request's input sets.
    private struct Call: Codable {
        var component: String
        var family: ComponentFamily
        var hyperparameters: Hyperparameters
        var inputSet: Int
        var outputs: [String]?
        var variation: Variation?
    }

    /// Decodes a request, checking that every call names an input set it carries.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int.self, forKey: .id)
        cpuSeconds = try container.decode(Int.self, forKey: .cpuSeconds)
        drawn = []
        prepare = try container.decodeIfPresent([DrawnMatrix.Recipe].self, forKey: .prepare) ?? []
        let sets = try container.decode([Values].self, forKey: .inputSets)
        let calls = try container.decode([Call].self, forKey: .calls)
        invocations = []
        invocations.reserveCapacity(calls.count)
        for call in calls {
            guard sets.indices.contains(call.inputSet) else {
                throw DecodingError.dataCorruptedError(forKey: .calls, in: container,
                                                       debugDescription: "a call names input set \(call.inputSet) of \(sets.count)")
            }
            invocations.append(Invocation(component: call.component, family: call.family, hyperparameters: call.hyperparameters,
                                          inputs: sets[call.inputSet], outputs: call.outputs, variation: call.variation))
        }
    }

    /// Encodes the request, each run of invocations on equal inputs with one copy of them.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(cpuSeconds, forKey: .cpuSeconds)
        if !prepare.isEmpty { try container.encode(prepare, forKey: .prepare) }
        var sets: [Values] = []
        var calls: [Call] = []
        calls.reserveCapacity(invocations.count)
        for invocation in invocations {
            // Equal inputs that share storage compare in constant time.
            if sets.last != invocation.inputs { sets.append(invocation.inputs) }
            calls.append(Call(component: invocation.component, family: invocation.family,
                              hyperparameters: invocation.hyperparameters, inputSet: sets.count - 1,
                              outputs: invocation.outputs, variation: invocation.variation))
        }
        try container.encode(sets, forKey: .inputSets)
        try container.encode(calls, forKey: .calls)
    }
}
