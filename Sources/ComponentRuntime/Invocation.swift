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
    /// The outputs to return; nil for every output. A gradient check's shifted calls ask for
    /// the loss alone, so that what crosses the worker boundary stays the size of a number.
    public var outputs: [String]?
    /// A change to one input the worker makes before the call; nil for none. The inputs stay
    /// those of the unvaried call, shared by every variation of it.
    public var variation: Variation?

    /// Creates an invocation.
    public init(component: String, family: ComponentFamily, hyperparameters: Hyperparameters = .init(), inputs: Values,
                outputs: [String]? = nil, variation: Variation? = nil) {
        self.component = component
        self.family = family
        self.hyperparameters = hyperparameters
        self.inputs = inputs
        self.outputs = outputs
        self.variation = variation
    }
}
