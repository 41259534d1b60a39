import GradeKit

extension Port where V == Matrix {
    /// z, the student's N×C logits.
    public static var studentLogits: Port { Port("studentLogits") }
    /// t, the teacher's N×C logits.
    public static var teacherLogits: Port { Port("teacherLogits") }
}

extension FamilyDescriptor {
    /// ``DistillationLoss``: student and teacher logits and labels in, the mean loss and
    /// `∂L/∂z` out.
    public static let distillationLoss = FamilyDescriptor(
        family: .distillationLoss, protocolName: "DistillationLoss", requirement: "lossAndGradient",
        inputs: [.init(Port.studentLogits, "z, N×C"), .init(Port.teacherLogits, "t, N×C"),
                 .init(Port.labels, "y, N labels in 0..<C")],
        outputs: [.init(Port.loss, "the mean loss"), .init(Port.gradient, "∂L/∂z, N×C")],
        gradients: [.init(of: .studentLogits, in: .gradient)],
        perSampleInputs: [Port.studentLogits.erased, Port.teacherLogits.erased, Port.labels.erased],
        lossIsNonNegative: true,
        shapeRules: [.sameShape([.studentLogits, .teacherLogits]), .onePerRow(.labels, of: .studentLogits, noun: "label"),
                     .classIndices(.labels, columnsOf: .studentLogits)],
        invoke: { context throws(InvocationFailure) in
            guard let type = context.type as? any DistillationLoss.Type else { throw context.wrongFamily }
            let r = type.init(hyperparameters: context.hyperparameters).lossAndGradient(
                studentLogits: try context.input(.studentLogits), teacherLogits: try context.input(.teacherLogits),
                labels: try context.input(.labels))
            var outputs = Values()
            outputs[.loss] = r.loss
            outputs[.gradient] = r.gradient
            return outputs
        })
}
