import GradeKit

extension Port where V == [Double] {
    /// α_t for each step asked for.
    public static var rates: Port { Port("rates") }
}

extension FamilyDescriptor {
    /// ``LearningRateSchedule``: steps in, the learning rate of each out.
    public static let learningRateSchedule = FamilyDescriptor(
        family: .learningRateSchedule, protocolName: "LearningRateSchedule",
        inputs: [.init(Port.steps, "the steps t the rate is asked for")],
        outputs: [.init(Port.rates, "α_t for each step")],
        shapeRules: [.nonNegative(.steps, noun: "step", advice: "steps count from 0")],
        invoke: { context throws(InvocationFailure) in
            guard let type = context.type as? any LearningRateSchedule.Type else { throw context.wrongFamily }
            let schedule = type.init(hyperparameters: context.hyperparameters)
            var outputs = Values()
            outputs[.rates] = try context.input(.steps).map { schedule.learningRate(atStep: $0) }
            return outputs
        })
}
