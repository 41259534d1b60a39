import GradeKit

extension Port where V == [Int] {
    /// [s], the seed of the minibatch sampler.
    public static var seed: Port { Port("seed") }
}

extension Port where V == [Double] {
    /// The minibatch loss of every iteration.
    public static var lossHistory: Port { Port("lossHistory") }
}

extension FamilyDescriptor {
    /// ``MinibatchTrainer``: starting weights, a dataset, a seed and the linear objective
    /// to minimise in, the trained weights and the loss of every iteration out.
    public static let minibatchTrainer = FamilyDescriptor(
        family: .minibatchTrainer, protocolName: "MinibatchTrainer",
        inputs: [.init(Port.weights, "the starting W, D×C"), .init(Port.inputs, "X, N×D"),
                 .init(Port.labels, "y, N labels in 0..<C"), .init(Port.seed, "[s], the seed of the minibatch sampler"),
                 .init(Port.objective, "the linear-objective component trained")],
        outputs: [.init(Port.weights, "the trained W"), .init(Port.lossHistory, "the minibatch loss of every iteration")],
        perSampleInputs: [Port.inputs.erased, Port.labels.erased],
        shapedLikeInput: [(Port.weights.erased, .weights)],
        shapeRules: [.innerDimension(.inputs, times: .weights), .onePerRow(.labels, of: .inputs, noun: "label"),
                     .classIndices(.labels, columnsOf: .weights), .single(.seed, minimum: 0, meaning: "the sampler's seed"),
                     .component(.objective, of: .linearObjective)],
        invoke: { context throws(InvocationFailure) in
            guard let type = context.type as? any MinibatchTrainer.Type else { throw context.wrongFamily }
            let objectiveName = try context.input(.objective)
            guard let objectiveType = context.registry[objectiveName]?.type as? any LinearClassifierObjective.Type else {
                throw .notRegistered(component: objectiveName, registered: context.registry.entries.keys.sorted())
            }
            let objective = objectiveType.init(hyperparameters: context.hyperparameters)
            let x = try context.input(.inputs)
            let seed = UInt64(truncatingIfNeeded: try context.input(.seed).first ?? 0)
            var sampler = MinibatchSampler(sampleCount: Swift.max(x.rows, 1), seed: seed)
            let r = type.init(hyperparameters: context.hyperparameters).train(
                weights: try context.input(.weights), inputs: x, labels: try context.input(.labels), sampler: &sampler,
                objective: { w, x, y in whileRunning(objectiveName) { objective.lossAndGradient(weights: w, inputs: x, labels: y) } })
            var outputs = Values()
            outputs[.weights] = r.weights
            outputs[.lossHistory] = r.lossHistory
            return outputs
        })
}
