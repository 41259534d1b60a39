import GradeKit

extension PropertyName {
    /// The families whose components the property can be checked on.
    public var families: Set<ComponentFamily> {
        switch self {
        case .jiggleInvariance, .excludesCorrectClass, .softmaxNeverZero, .squaredHingeIsNotScaledHinge, .uniformScoresGiveLogC:
            [.scoreLoss]
        case .meanOverSamples:
            [.scoreLoss, .regressionLoss, .pairwiseLoss, .tripletLoss, .distillationLoss, .linearObjective]
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
}

extension CaseKind {
    /// The families a gradient check applies to: those whose outputs include a gradient of a loss.
    public static let differentiableFamilies: Set<ComponentFamily> = [
        .scoreLoss, .regressionLoss, .pairwiseLoss, .tripletLoss, .distillationLoss, .regularizer, .linearObjective,
    ]
}

extension PropertyName {
    /// False for the properties that always build their own inputs (the lecture's w1 and w2,
    /// margins of 2 and 0.5); the others use a case's inputs when it gives them.
    public var takesInputs: Bool {
        switch self {
        case .squaredHingeIsNotScaledHinge, .regularizerPreference: false
        default: true
        }
    }
}
