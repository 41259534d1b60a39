import GradeKit

extension Port where V == Matrix {
    /// The starting W of an optimizer.
    public static var parameters: Port { Port("parameters") }
}

extension Port where V == [Matrix] {
    /// One gradient a step.
    public static var gradients: Port { Port("gradients") }
    /// W after each step.
    public static var trajectory: Port { Port("trajectory") }
}

extension FamilyDescriptor {
    /// ``Optimizer``: starting parameters and a gradient a step (or a test function to
    /// descend for a number of steps) in, the parameters after each step out.
    public static let optimizer = FamilyDescriptor(
        family: .optimizer, protocolName: "Optimizer",
        inputs: [.init(Port.parameters, "the starting W"),
                 .init(Port.gradients, "one gradient a step, each shaped like W"),
                 .init(Port.objective, "the name of a test function to descend"),
                 .init(Port.steps, "[n], the number of steps on the objective")],
        inputSets: [[Port.parameters.name, Port.gradients.name],
                    [Port.parameters.name, Port.objective.name, Port.steps.name]],
        outputs: [.init(Port.trajectory, "W after each step")],
        shapedLikeInput: [(Port.trajectory.erased, .parameters)],
        shapeRules: [.eachShapedLike(.gradients, .parameters, noun: "gradient"), .testFunction(.objective, point: .parameters),
                     .single(.steps, minimum: 1, meaning: "the number of steps")],
        invoke: { context throws(InvocationFailure) in
            guard let type = context.type as? any Optimizer.Type else { throw context.wrongFamily }
            var optimizer = type.init(hyperparameters: context.hyperparameters)
            var parameters = try context.input(.parameters)
            var trajectory: [Matrix] = []
            if context.has(.gradients) {
                for g in try context.input(.gradients) {
                    optimizer.step(parameters: &parameters, gradient: g)
                    trajectory.append(parameters)
                }
            } else {
                let function = try context.testFunction(.objective)
                for _ in 0..<(try context.input(.steps).first ?? 0) {
                    optimizer.step(parameters: &parameters, gradient: function.gradient(parameters))
                    trajectory.append(parameters)
                }
            }
            var outputs = Values()
            outputs[.trajectory] = trajectory
            return outputs
        })
}
