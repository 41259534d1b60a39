import GradeKit

extension FamilyDescriptor {
    /// ``LinearClassifierObjective``: weights, inputs and labels in, data loss + λR(W) and
    /// `∂L/∂W` out.
    public static let linearObjective = FamilyDescriptor(
        family: .linearObjective, protocolName: "LinearClassifierObjective", requirement: "lossAndGradient",
        inputs: [.init(Port.weights, "W, D×C"), .init(Port.inputs, "X, N×D"), .init(Port.labels, "y, N labels in 0..<C")],
        outputs: [.init(Port.loss, "data loss + λ R(W)"), .init(Port.gradient, "∂L/∂W, D×C")],
        gradients: [.init(of: .weights, in: .gradient)],
        perSampleInputs: [Port.inputs.erased, Port.labels.erased],
        lossIsNonNegative: true,
        shapeRules: [.innerDimension(.inputs, times: .weights), .onePerRow(.labels, of: .inputs, noun: "label"),
                     .classIndices(.labels, columnsOf: .weights)],
        invoke: { context throws(InvocationFailure) in
            guard let type = context.type as? any LinearClassifierObjective.Type else { throw context.wrongFamily }
            let r = type.init(hyperparameters: context.hyperparameters).lossAndGradient(
                weights: try context.input(.weights), inputs: try context.input(.inputs), labels: try context.input(.labels))
            var outputs = Values()
            outputs[.loss] = r.loss
            outputs[.gradient] = r.gradient
            return outputs
        })
}
