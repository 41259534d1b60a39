import GradeKit

extension Port where V == Matrix {
    /// r0, the first embedding of each pair.
    public static var first: Port { Port("first") }
    /// r1, the second embedding of each pair.
    public static var second: Port { Port("second") }
    /// ∂L/∂r0.
    public static var gradientFirst: Port { Port("gradientFirst") }
    /// ∂L/∂r1.
    public static var gradientSecond: Port { Port("gradientSecond") }
}

extension Port where V == [Int] {
    /// 1 for a positive pair, 0 for a negative one.
    public static var similar: Port { Port("similar") }
}

extension FamilyDescriptor {
    /// ``PairwiseLoss``: pairs of embeddings and their 0/1 labels in, the mean loss and a
    /// gradient for each side out.
    public static let pairwiseLoss = FamilyDescriptor(
        family: .pairwiseLoss, protocolName: "PairwiseLoss", requirement: "lossAndGradients",
        inputs: [.init(Port.first, "r0, N×D embeddings"), .init(Port.second, "r1, N×D embeddings"),
                 .init(Port.similar, "N labels, 1 for a positive pair, 0 for a negative pair")],
        outputs: [.init(Port.loss, "the mean loss"), .init(Port.gradientFirst, "∂L/∂r0, N×D"),
                  .init(Port.gradientSecond, "∂L/∂r1, N×D")],
        gradients: [.init(of: .first, in: .gradientFirst), .init(of: .second, in: .gradientSecond)],
        perSampleInputs: [Port.first.erased, Port.second.erased, Port.similar.erased],
        lossIsNonNegative: true,
        shapeRules: [.sameShape([.first, .second]), .onePerRow(.similar, of: .first, noun: "0/1 label"),
                     .binary(.similar, meaning: "1 for a positive pair, 0 for a negative pair")],
        invoke: { context throws(InvocationFailure) in
            guard let type = context.type as? any PairwiseLoss.Type else { throw context.wrongFamily }
            let r = type.init(hyperparameters: context.hyperparameters).lossAndGradients(
                first: try context.input(.first), second: try context.input(.second), similar: try context.input(.similar))
            var outputs = Values()
            outputs[.loss] = r.loss
            outputs[.gradientFirst] = r.gradientFirst
            outputs[.gradientSecond] = r.gradientSecond
            return outputs
        })
}
