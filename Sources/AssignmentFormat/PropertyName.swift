import ComponentRuntime
import GradeKit
import GradeResults

/// The behaviours of the lecture that property cases check.
public enum PropertyName: String, Sendable, Hashable, CaseIterable {
    /// Jiggling the scores of a sample whose margins all hold leaves its SVM loss unchanged.
    case jiggleInvariance = "jiggle-invariance"
    /// Loss and gradient are means over samples: duplicating every sample leaves them unchanged.
    case meanOverSamples = "mean-over-samples"
    /// The SVM sums over j ≠ y_i only: when all scores are equal the loss is exactly (C − 1)·Δ.
    case excludesCorrectClass = "excludes-correct-class"
    /// If W gives zero SVM data loss, so does 2W.
    case scaledWeightsStayZero = "scaled-weights-stay-zero"
    /// Softmax loss is always > 0 and its gradient still pushes the correct class up.
    case softmaxNeverZero = "softmax-never-zero"
    /// Squared hinge is not a rescaling of hinge.
    case squaredHingeIsNotScaledHinge = "squared-hinge-not-scaled-hinge"
    /// Softmax with all scores equal gives log C.
    case uniformScoresGiveLogC = "uniform-scores-give-log-c"
    /// The loss is finite for huge scores such as [1000, 9, 9, 9].
    case numericallyStable = "numerically-stable"
    /// L1 gives equal penalty to w1 = [1,0,0,0] and w2 = [.25,.25,.25,.25]; L2 prefers w2.
    case regularizerPreference = "regularizer-preference"
    /// A learning rate that is too large makes the loss grow; a small one decreases it.
    case learningRateTooLargeDiverges = "learning-rate-too-large-diverges"
}
