import GradeKit

extension Port where V == Matrix {
    /// S, N×C class scores.
    public static var scores: Port { Port("scores") }
}

extension FamilyDescriptor {
    /// ``ScoreLoss``: scores and labels in, the mean loss and `∂L/∂S` out.
    public static let scoreLoss = FamilyDescriptor(
        family: .scoreLoss, protocolName: "ScoreLoss", requirement: "lossAndGradient",
        inputs: [.init(Port.scores, "S, N×C class scores (N×1 logits for binary cross-entropy)"),
                 .init(Port.labels, "y, N labels in 0..<C (0 or 1 for binary cross-entropy)")],
        outputs: [.init(Port.loss, "the mean loss"), .init(Port.gradient, "∂L/∂S, N×C")],
        gradients: [.init(of: .scores, in: .gradient)],
        perSampleInputs: [Port.scores.erased, Port.labels.erased],
        lossIsNonNegative: true,
        shapeRules: [.onePerRow(.labels, of: .scores, noun: "label"), .classIndices(.labels, columnsOf: .scores)],
        variants: [FamilyVariant(
            name: "binary", summary: "N×1 logits and labels 0 or 1, as binary cross-entropy takes",
            shapeRules: [.onePerRow(.labels, of: .scores, noun: "label"),
                         .columns(.scores, 1, meaning: "N×1 logits", example: "write one logit a row, e.g. scores: [[2.0], [-1.0]]"),
                         .binary(.labels, meaning: "the class of each logit")])],
        invoke: { context throws(InvocationFailure) in
            guard let type = context.type as? any ScoreLoss.Type else { throw context.wrongFamily }
            let r = type.init(hyperparameters: context.hyperparameters)
                .lossAndGradient(scores: try context.input(.scores), labels: try context.input(.labels))
            var outputs = Values()
            outputs[.loss] = r.loss
            outputs[.gradient] = r.gradient
            return outputs
        })
}
