/// A component of an assignment that is created from hyper-parameters.
///
/// Every family protocol refines this one and supplies ``family``. A conforming type
/// stores the fields of ``Hyperparameters`` it needs; `init()` creates it with the course's
/// defaults.
public protocol Component {
    /// The family the component belongs to; each family protocol supplies it.
    static var family: ComponentFamily { get }

    /// Creates the component with the given hyper-parameters.
    init(hyperparameters: Hyperparameters)
}

extension Component {
    /// Creates the component with the course's default hyper-parameters.
    public init() { self.init(hyperparameters: Hyperparameters()) }
}
