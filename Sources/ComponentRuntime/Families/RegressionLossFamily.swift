import GradeKit

extension Port where V == Matrix {
    /// ŷ, N×K predictions.
    public static var predictions: Port { Port("predictions") }
    /// y, N×K targets.
    public static var targets: Port { Port("targets") }
}

extension FamilyDescriptor {
    /// ``RegressionLoss``: predictions and targets in, the mean loss and `∂L/∂ŷ` out.
    public static let regressionLoss = FamilyDescriptor(
        family: .regressionLoss, protocolName: "RegressionLoss", requirement: "lossAndGradient",
        inputs: [.init(Port.predictions, "ŷ, N×K"), .init(Port.targets, "y, N×K")],
        outputs: [.init(Port.loss, "the mean loss"), .init(Port.gradient, "∂L/∂ŷ, N×K")],
        gradients: [.init(of: .predictions, in: .gradient)],
        perSampleInputs: [Port.predictions.erased, Port.targets.erased],
        lossIsNonNegative: true,
        shapeRules: [.sameShape([.predictions, .targets])],
        invoke: { context throws(InvocationFailure) in
            guard let type = context.type as? any RegressionLoss.Type else { throw context.wrongFamily }
            let r = type.init(hyperparameters: context.hyperparameters)
                .lossAndGradient(predictions: try context.input(.predictions), targets: try context.input(.targets))
            var outputs = Values()
            outputs[.loss] = r.loss
            outputs[.gradient] = r.gradient
            return outputs
        })
}
