import GradeKit

/// Runs invocations against the conformances of one registry: a student's inside a
/// worker process, the reference's inside the grader.
///
/// Inputs and outputs by family (every name is a key of ``Values``):
///
/// | family | inputs | outputs |
/// |---|---|---|
/// | score-loss | `scores` matrix, `labels` integers | `loss`, `gradient` |
/// | regression-loss | `predictions`, `targets` matrices | `loss`, `gradient` |
/// | pairwise-loss | `first`, `second` matrices, `similar` integers | `loss`, `gradientFirst`, `gradientSecond` |
/// | triplet-loss | `anchors`, `positives`, `negatives` matrices | `loss`, `gradientAnchors`, `gradientPositives`, `gradientNegatives` |
/// | distillation-loss | `studentLogits`, `teacherLogits` matrices, `labels` | `loss`, `gradient` |
/// | regularizer | `weights` matrix | `loss` (the penalty R), `gradient` |
/// | linear-objective | `weights`, `inputs` matrices, `labels` | `loss`, `gradient` |
/// | numerical-gradient | `function` text (a ``TestFunction``), `point` matrix | `gradient` |
/// | optimizer | `parameters` matrix, and `gradients` matrices (one a step) or `objective` text (a ``TestFunction``) with `steps` integers `[n]` | `trajectory` (the parameters after each step) |
/// | learning-rate-schedule | `steps` integers | `rates` series |
/// | minibatch-trainer | `weights`, `inputs` matrices, `labels`, `seed` integers `[s]`, `objective` text (a linear-objective component of the same registry) | `weights`, `lossHistory` series |
public struct ComponentInvoker {
    /// The conformances invocations run against.
    public let registry: ComponentRegistry

    /// Creates an invoker over a registry.
    public init(registry: ComponentRegistry) { self.registry = registry }

    /// Runs one invocation and returns its raw outputs.
    public func invoke(_ invocation: Invocation) throws(InvocationFailure) -> Values {
        try whileRunning(invocation.component) { () throws(InvocationFailure) -> Values in try run(invocation) }
    }

    private func run(_ invocation: Invocation) throws(InvocationFailure) -> Values {
        guard let entry = registry[invocation.component] else {
            throw .notRegistered(component: invocation.component)
        }
        guard entry.family == invocation.family else {
            throw .wrongFamily(component: invocation.component, expected: invocation.family, registered: entry.family)
        }
        let h = invocation.hyperparameters
        let inputs = InputReader(values: invocation.inputs)
        switch entry {
        case .scoreLoss(let type):
            let r = type.init(hyperparameters: h).lossAndGradient(scores: try inputs.matrix("scores"), labels: try inputs.integers("labels"))
            return ["loss": .scalar(r.loss), "gradient": .matrix(r.gradient)]
        case .regressionLoss(let type):
            let r = type.init(hyperparameters: h).lossAndGradient(predictions: try inputs.matrix("predictions"), targets: try inputs.matrix("targets"))
            return ["loss": .scalar(r.loss), "gradient": .matrix(r.gradient)]
        case .pairwiseLoss(let type):
            let r = type.init(hyperparameters: h).lossAndGradients(
                first: try inputs.matrix("first"), second: try inputs.matrix("second"), similar: try inputs.integers("similar"))
            return ["loss": .scalar(r.loss), "gradientFirst": .matrix(r.gradientFirst), "gradientSecond": .matrix(r.gradientSecond)]
        case .tripletLoss(let type):
            let r = type.init(hyperparameters: h).lossAndGradients(
                anchors: try inputs.matrix("anchors"), positives: try inputs.matrix("positives"), negatives: try inputs.matrix("negatives"))
            return ["loss": .scalar(r.loss), "gradientAnchors": .matrix(r.gradientAnchors),
                    "gradientPositives": .matrix(r.gradientPositives), "gradientNegatives": .matrix(r.gradientNegatives)]
        case .distillationLoss(let type):
            let r = type.init(hyperparameters: h).lossAndGradient(
                studentLogits: try inputs.matrix("studentLogits"), teacherLogits: try inputs.matrix("teacherLogits"),
                labels: try inputs.integers("labels"))
            return ["loss": .scalar(r.loss), "gradient": .matrix(r.gradient)]
        case .regularizer(let type):
            let r = type.init(hyperparameters: h).penaltyAndGradient(weights: try inputs.matrix("weights"))
            return ["loss": .scalar(r.loss), "gradient": .matrix(r.gradient)]
        case .linearObjective(let type):
            let r = type.init(hyperparameters: h).lossAndGradient(
                weights: try inputs.matrix("weights"), inputs: try inputs.matrix("inputs"), labels: try inputs.integers("labels"))
            return ["loss": .scalar(r.loss), "gradient": .matrix(r.gradient)]
        case .numericalGradient(let type):
            let function = try inputs.testFunction("function")
            let g = type.init(hyperparameters: h).gradient(of: function.value, at: try inputs.matrix("point"))
            return ["gradient": .matrix(g)]
        case .optimizer(let type):
            var optimizer = type.init(hyperparameters: h)
            var parameters = try inputs.matrix("parameters")
            var trajectory: [Matrix] = []
            if invocation.inputs["gradients"] != nil {
                for g in try inputs.matrices("gradients") {
                    optimizer.step(parameters: &parameters, gradient: g)
                    trajectory.append(parameters)
                }
            } else {
                let function = try inputs.testFunction("objective")
                let steps = try inputs.integers("steps").first ?? 0
                for _ in 0..<steps {
                    optimizer.step(parameters: &parameters, gradient: function.gradient(parameters))
                    trajectory.append(parameters)
                }
            }
            return ["trajectory": .matrices(trajectory)]
        case .learningRateSchedule(let type):
            let schedule = type.init(hyperparameters: h)
            return ["rates": .series(try inputs.integers("steps").map { schedule.learningRate(atStep: $0) })]
        case .minibatchTrainer(let type):
            let objectiveName = try inputs.text("objective")
            guard case .linearObjective(let objectiveType)? = registry[objectiveName] else {
                throw .notRegistered(component: objectiveName)
            }
            let objective = objectiveType.init(hyperparameters: h)
            let x = try inputs.matrix("inputs")
            var sampler = MinibatchSampler(sampleCount: Swift.max(x.rows, 1), seed: UInt64(truncatingIfNeeded: try inputs.integers("seed").first ?? 0))
            let r = type.init(hyperparameters: h).train(
                weights: try inputs.matrix("weights"), inputs: x, labels: try inputs.integers("labels"), sampler: &sampler,
                objective: { w, x, y in whileRunning(objectiveName) { objective.lossAndGradient(weights: w, inputs: x, labels: y) } })
            return ["weights": .matrix(r.weights), "lossHistory": .series(r.lossHistory)]
        }
    }
}

/// Reads typed inputs, failing with the name of a missing or mistyped one.
private struct InputReader {
    let values: Values

    func matrix(_ name: String) throws(InvocationFailure) -> Matrix {
        guard case .matrix(let m)? = values[name] else { throw .badInput(name: name, expected: "a matrix") }
        return m
    }

    func matrices(_ name: String) throws(InvocationFailure) -> [Matrix] {
        guard case .matrices(let m)? = values[name] else { throw .badInput(name: name, expected: "a list of matrices") }
        return m
    }

    func integers(_ name: String) throws(InvocationFailure) -> [Int] {
        guard case .integers(let v)? = values[name] else { throw .badInput(name: name, expected: "a list of integers") }
        return v
    }

    func text(_ name: String) throws(InvocationFailure) -> String {
        guard case .text(let t)? = values[name] else { throw .badInput(name: name, expected: "a name") }
        return t
    }

    func testFunction(_ name: String) throws(InvocationFailure) -> TestFunction {
        let functionName = try text(name)
        guard let function = TestFunction.named(functionName) else { throw .unknownName(input: name, name: functionName) }
        return function
    }
}
