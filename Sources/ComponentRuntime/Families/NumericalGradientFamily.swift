import GradeKit

extension Port where V == String {
    /// The name of the test function whose gradient is estimated.
    public static var function: Port { Port("function") }
}

extension Port where V == Matrix {
    /// x, where a gradient is estimated.
    public static var point: Port { Port("point") }
}

extension FamilyDescriptor {
    /// ``NumericalGradient``: a test function and a point in, the estimated gradient out.
    public static let numericalGradient = FamilyDescriptor(
        family: .numericalGradient, protocolName: "NumericalGradient",
        inputs: [.init(Port.function, "the name of a test function"), .init(Port.point, "x, where the gradient is estimated")],
        outputs: [.init(Port.gradient, "the estimated ∇f(x), shaped like x")],
        shapedLikeInput: [(Port.gradient.erased, .point)],
        shapeRules: [.testFunction(.function, point: .point)],
        invoke: { context throws(InvocationFailure) in
            guard let type = context.type as? any NumericalGradient.Type else { throw context.wrongFamily }
            let function = try context.testFunction(.function)
            var outputs = Values()
            outputs[.gradient] = type.init(hyperparameters: context.hyperparameters).gradient(of: function.value, at: try context.input(.point))
            return outputs
        })
}
