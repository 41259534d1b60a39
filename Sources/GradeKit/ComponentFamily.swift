/// The family a component belongs to: which protocol it conforms to, and so which
/// inputs it takes and which outputs it returns.
public enum ComponentFamily: String, Sendable, Hashable, Codable, CaseIterable {
    /// ``ScoreLoss``.
    case scoreLoss = "score-loss"
    /// ``RegressionLoss``.
    case regressionLoss = "regression-loss"
    /// ``PairwiseLoss``.
    case pairwiseLoss = "pairwise-loss"
    /// ``TripletLoss``.
    case tripletLoss = "triplet-loss"
    /// ``DistillationLoss``.
    case distillationLoss = "distillation-loss"
    /// ``Regularizer``.
    case regularizer = "regularizer"
    /// ``LinearClassifierObjective``.
    case linearObjective = "linear-objective"
    /// ``NumericalGradient``.
    case numericalGradient = "numerical-gradient"
    /// ``Optimizer``.
    case optimizer = "optimizer"
    /// ``LearningRateSchedule``.
    case learningRateSchedule = "learning-rate-schedule"
    /// ``MinibatchTrainer``.
    case minibatchTrainer = "minibatch-trainer"
}
