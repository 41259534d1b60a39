
/// The conformances of a submission, each under its stable component name.
///
/// A submission fills the registry in its `registerComponents(in:)` function:
///
/// ```swift
/// public func registerComponents(in registry: inout ComponentRegistry) {
///     registry.register("multiclass-svm", MulticlassSVM.self)
///     registry.register("adam", Adam.self)
/// }
/// ```
///
/// A component that is not registered is graded as "not implemented", alone.
public struct ComponentRegistry {
    /// A registered conformance, by family.
    public enum Entry {
        /// A score loss (``ScoreLoss``).
        case scoreLoss(any ScoreLoss.Type)
        /// A regression loss (``RegressionLoss``).
        case regressionLoss(any RegressionLoss.Type)
        /// A contrastive loss (``PairwiseLoss``).
        case pairwiseLoss(any PairwiseLoss.Type)
        /// A triplet loss (``TripletLoss``).
        case tripletLoss(any TripletLoss.Type)
        /// A distillation loss (``DistillationLoss``).
        case distillationLoss(any DistillationLoss.Type)
        /// A regularizer (``Regularizer``).
        case regularizer(any Regularizer.Type)
        /// A linear-classifier objective (``LinearClassifierObjective``).
        case linearObjective(any LinearClassifierObjective.Type)
        /// A gradient estimator (``NumericalGradient``).
        case numericalGradient(any NumericalGradient.Type)
        /// An optimizer (``Optimizer``).
        case optimizer(any Optimizer.Type)
        /// A learning-rate schedule (``LearningRateSchedule``).
        case learningRateSchedule(any LearningRateSchedule.Type)
        /// A training loop (``MinibatchTrainer``).
        case minibatchTrainer(any MinibatchTrainer.Type)

        /// The family of the registered type.
        public var family: ComponentFamily {
            switch self {
            case .scoreLoss: .scoreLoss
            case .regressionLoss: .regressionLoss
            case .pairwiseLoss: .pairwiseLoss
            case .tripletLoss: .tripletLoss
            case .distillationLoss: .distillationLoss
            case .regularizer: .regularizer
            case .linearObjective: .linearObjective
            case .numericalGradient: .numericalGradient
            case .optimizer: .optimizer
            case .learningRateSchedule: .learningRateSchedule
            case .minibatchTrainer: .minibatchTrainer
            }
        }
    }

    /// The registered conformances by component name.
    public private(set) var entries: [String: Entry] = [:]

    /// Creates an empty registry.
    public init() {}

    /// The conformance registered under `name`, if any.
    public subscript(name: String) -> Entry? { entries[name] }

    /// Registers a score loss (``ScoreLoss``) under `name`, e.g. `"multiclass-svm"`.
    public mutating func register(_ name: String, _ type: any ScoreLoss.Type) { entries[name] = .scoreLoss(type) }
    /// Registers a regression loss (``RegressionLoss``) under `name`, e.g. `"l2-loss"`.
    public mutating func register(_ name: String, _ type: any RegressionLoss.Type) { entries[name] = .regressionLoss(type) }
    /// Registers a contrastive loss (``PairwiseLoss``) under `name`, e.g. `"contrastive"`.
    public mutating func register(_ name: String, _ type: any PairwiseLoss.Type) { entries[name] = .pairwiseLoss(type) }
    /// Registers a triplet loss (``TripletLoss``) under `name`, e.g. `"triplet"`.
    public mutating func register(_ name: String, _ type: any TripletLoss.Type) { entries[name] = .tripletLoss(type) }
    /// Registers a distillation loss (``DistillationLoss``) under `name`, e.g. `"distillation"`.
    public mutating func register(_ name: String, _ type: any DistillationLoss.Type) { entries[name] = .distillationLoss(type) }
    /// Registers a regularizer (``Regularizer``) under `name`, e.g. `"l2-regularization"`.
    public mutating func register(_ name: String, _ type: any Regularizer.Type) { entries[name] = .regularizer(type) }
    /// Registers a linear-classifier objective (``LinearClassifierObjective``), e.g. `"linear-svm"`.
    public mutating func register(_ name: String, _ type: any LinearClassifierObjective.Type) { entries[name] = .linearObjective(type) }
    /// Registers a gradient estimator (``NumericalGradient``) under `name`, e.g. `"numerical-gradient"`.
    public mutating func register(_ name: String, _ type: any NumericalGradient.Type) { entries[name] = .numericalGradient(type) }
    /// Registers an optimizer (``Optimizer``) under `name`, e.g. `"adam"`.
    public mutating func register(_ name: String, _ type: any Optimizer.Type) { entries[name] = .optimizer(type) }
    /// Registers a learning-rate schedule (``LearningRateSchedule``) under `name`, e.g. `"step-decay"`.
    public mutating func register(_ name: String, _ type: any LearningRateSchedule.Type) { entries[name] = .learningRateSchedule(type) }
    /// Registers a training loop (``MinibatchTrainer``) under `name`, e.g. `"sgd"`.
    public mutating func register(_ name: String, _ type: any MinibatchTrainer.Type) { entries[name] = .minibatchTrainer(type) }
}
