import GradeKit

extension Port where V == Matrix {
    /// a, N×D anchors.
    public static var anchors: Port { Port("anchors") }
    /// p, N×D positives.
    public static var positives: Port { Port("positives") }
    /// n, N×D negatives.
    public static var negatives: Port { Port("negatives") }
    /// ∂L/∂a.
    public static var gradientAnchors: Port { Port("gradientAnchors") }
    /// ∂L/∂p.
    public static var gradientPositives: Port { Port("gradientPositives") }
    /// ∂L/∂n.
    public static var gradientNegatives: Port { Port("gradientNegatives") }
}

extension FamilyDescriptor {
    /// ``TripletLoss``: anchors, positives and negatives in, the mean loss and a gradient
    /// for each out.
    public static let tripletLoss = FamilyDescriptor(
        family: .tripletLoss, protocolName: "TripletLoss", requirement: "lossAndGradients",
        inputs: [.init(Port.anchors, "a, N×D"), .init(Port.positives, "p, N×D"), .init(Port.negatives, "n, N×D")],
        outputs: [.init(Port.loss, "the mean loss"), .init(Port.gradientAnchors, "∂L/∂a, N×D"),
                  .init(Port.gradientPositives, "∂L/∂p, N×D"), .init(Port.gradientNegatives, "∂L/∂n, N×D")],
        gradients: [.init(of: .anchors, in: .gradientAnchors), .init(of: .positives, in: .gradientPositives),
                    .init(of: .negatives, in: .gradientNegatives)],
        perSampleInputs: [Port.anchors.erased, Port.positives.erased, Port.negatives.erased],
        lossIsNonNegative: true,
        shapeRules: [.sameShape([.anchors, .positives, .negatives])],
        invoke: { context throws(InvocationFailure) in
            guard let type = context.type as? any TripletLoss.Type else { throw context.wrongFamily }
            let r = type.init(hyperparameters: context.hyperparameters).lossAndGradients(
                anchors: try context.input(.anchors), positives: try context.input(.positives),
                negatives: try context.input(.negatives))
            var outputs = Values()
            outputs[.loss] = r.loss
            outputs[.gradientAnchors] = r.gradientAnchors
            outputs[.gradientPositives] = r.gradientPositives
            outputs[.gradientNegatives] = r.gradientNegatives
            return outputs
        })
}
