import ComponentRuntime
import GradeKit

// File 2 of the recipe: the descriptor, and its entry in the catalog the grader uses.

extension Port where V == Matrix {
    /// r, N×K residuals.
    static var residuals: Port { Port("residuals") }
}

extension FamilyDescriptor {
    /// ``PointwiseLoss``: residuals in, the mean loss and `∂L/∂r` out.
    static let pointwiseLoss = FamilyDescriptor(
        family: .pointwiseLoss, protocolName: "PointwiseLoss",
        inputs: [.init(Port.residuals, "r, N×K residuals")],
        outputs: [.init(Port.loss, "the mean loss"), .init(Port.gradient, "∂L/∂r, N×K")],
        gradients: [.init(of: .residuals, in: .gradient)],
        perSampleInputs: [Port.residuals.erased],
        invoke: { context throws(InvocationFailure) in
            guard let type = context.type as? any PointwiseLoss.Type else { throw context.wrongFamily }
            let r = type.init(hyperparameters: context.hyperparameters).lossAndGradient(residuals: try context.input(.residuals))
            var outputs = Values()
            outputs[.loss] = r.loss
            outputs[.gradient] = r.gradient
            return outputs
        })
}

extension FamilyCatalog {
    /// The course's families and the new one: the "one list entry" of the recipe.
    static let withPointwiseLoss = FamilyCatalog.standard.adding(.pointwiseLoss)
}
