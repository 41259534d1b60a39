import ComponentRuntime
import GradeKit

extension PropertyName {
    /// Whether the property can be checked on components of the family `descriptor`
    /// describes. Mean-over-samples holds for every family with a loss over samples; the
    /// others are about the lecture's own losses and name their families.
    public func applies(to descriptor: FamilyDescriptor) -> Bool {
        switch self {
        case .meanOverSamples: descriptor.hasLoss && !descriptor.perSampleInputs.isEmpty
        default: lectureFamilies.contains(descriptor.family)
        }
    }

    /// The families of `catalog` the property applies to, by name, for messages.
    public func familyNames(in catalog: FamilyCatalog) -> [String] {
        catalog.descriptors.filter(applies(to:)).map(\.family.rawValue).sorted()
    }

    private var lectureFamilies: Set<ComponentFamily> {
        switch self {
        case .jiggleInvariance, .excludesCorrectClass, .softmaxNeverZero, .squaredHingeIsNotScaledHinge, .uniformScoresGiveLogC:
            [.scoreLoss]
        case .meanOverSamples:
            []
        case .scaledWeightsStayZero:
            [.scoreLoss, .linearObjective]
        case .numericallyStable:
            [.scoreLoss, .distillationLoss, .linearObjective]
        case .regularizerPreference:
            [.regularizer]
        case .learningRateTooLargeDiverges:
            [.optimizer]
        }
    }

    /// False for the properties that always build their own inputs (the lecture's w1 and w2,
    /// margins of 2 and 0.5); the others use a case's inputs when it gives them.
    public var takesInputs: Bool {
        switch self {
        case .squaredHingeIsNotScaledHinge, .regularizerPreference: false
        default: true
        }
    }
}
