import GradeKit

extension FamilyDescriptor {
    /// ``Regularizer``: weights in, the penalty R(W) and `∂R/∂W` out.
    public static let regularizer = FamilyDescriptor(
        family: .regularizer, protocolName: "Regularizer", requirement: "penaltyAndGradient",
        inputs: [.init(Port.weights, "W, any shape")],
        outputs: [.init(Port.loss, "the penalty R(W)"), .init(Port.gradient, "∂R/∂W")],
        gradients: [.init(of: .weights, in: .gradient)],
        lossIsNonNegative: true,
        invoke: { context throws(InvocationFailure) in
            guard let type = context.type as? any Regularizer.Type else { throw context.wrongFamily }
            let r = type.init(hyperparameters: context.hyperparameters).penaltyAndGradient(weights: try context.input(.weights))
            var outputs = Values()
            outputs[.loss] = r.loss
            outputs[.gradient] = r.gradient
            return outputs
        })
}
