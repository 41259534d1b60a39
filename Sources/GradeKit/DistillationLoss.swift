/// The knowledge-distillation loss of Hinton et al. (NIPS 2014).
///
/// With teacher logits `t`, student logits `z`, temperature T = ``Hyperparameters/temperature``
/// and weight α = ``Hyperparameters/alpha``:
/// `L = α·T²·KL(softmax(t/T) ‖ softmax(z/T)) + (1 − α)·CE(z, y)`, mean over samples, and
/// `∂L/∂z = α·T·(softmax(z/T) − softmax(t/T)) + (1 − α)(softmax(z) − onehot(y))`, divided by N.
public protocol DistillationLoss: Component {
    /// The mean distillation loss and its gradient with respect to the student's logits.
    ///
    /// - Parameters:
    ///   - studentLogits: `z`, N×C.
    ///   - teacherLogits: `t`, N×C.
    ///   - labels: `y`, N integers in `0..<C`.
    /// - Returns: `L` and `∂L/∂z`, N×C.
    func lossAndGradient(studentLogits: Matrix, teacherLogits: Matrix, labels: [Int]) -> LossAndGradient
}

extension ComponentFamily {
    /// The components that conform to ``DistillationLoss``: `distillation-loss` in case files.
    public static let distillationLoss = ComponentFamily("distillation-loss")
}

extension DistillationLoss {
    /// ``ComponentFamily/distillationLoss``, whatever the conforming type.
    public static var family: ComponentFamily { .distillationLoss }
}
