import GradeKit

/// One call of one component: which component, with which hyper-parameters, on which inputs.
///
/// The inputs each family takes and the outputs it returns are listed in
/// ``ComponentInvoker``.
public struct Invocation: Sendable, Hashable, Codable {
    /// The component name, such as `multiclass-svm`.
    public var component: String
    /// The family the component must belong to.
    public var family: ComponentFamily
    /// The hyper-parameters the component is created with.
    public var hyperparameters: Hyperparameters
    /// The named inputs.
    public var inputs: Values

    /// Creates an invocation.
    public init(component: String, family: ComponentFamily, hyperparameters: Hyperparameters = .init(), inputs: Values) {
        self.component = component
        self.family = family
        self.hyperparameters = hyperparameters
        self.inputs = inputs
    }
}
