import AssignmentFormat
import ComponentRuntime
import GradeKit
import GradeResults

/// The check of one property of the lecture (``AssignmentFormat/PropertyName``): the
/// invocations it needs, built for the property (from the case's inputs when it gives them,
/// seeded by the case), and the judge of what they return.
protocol PropertyCheck {
    /// The plan for the case in `context`; `expected` holds literal values when the
    /// property compares with the reference and the case carries them.
    static func plan(_ context: CheckContext, expected: Values?) throws(CaseError) -> CheckPlan
}

extension PropertyName {
    /// The check of the property.
    var check: any PropertyCheck.Type {
        switch self {
        case .jiggleInvariance: JiggleInvariance.self
        case .meanOverSamples: MeanOverSamples.self
        case .excludesCorrectClass: ExcludesCorrectClass.self
        case .scaledWeightsStayZero: ScaledWeightsStayZero.self
        case .softmaxNeverZero: SoftmaxNeverZero.self
        case .squaredHingeIsNotScaledHinge: SquaredHingeIsNotScaledHinge.self
        case .uniformScoresGiveLogC: UniformScoresGiveLogC.self
        case .numericallyStable: NumericallyStable.self
        case .regularizerPreference: RegularizerPreference.self
        case .learningRateTooLargeDiverges: LearningRateTooLargeDiverges.self
        }
    }
}

/// Why a check could not read an output it needs; carries the failure to report.
struct UnusableOutput: Error {
    var evaluation: CaseEvaluation
}

extension PropertyCheck {
    /// The finite scalar loss among `values`, which a property compares later losses against.
    static func finiteLoss(_ values: Values) -> Result<Double, UnusableOutput> {
        guard let loss = values[.loss] else {
            return .failure(UnusableOutput(evaluation: .wrongOutput("loss", expected: "a scalar", got: values[value: .loss])))
        }
        guard loss.isFinite else {
            return .failure(UnusableOutput(evaluation: .fail(.nonFinite, "the loss is \(ReportNumber.value(loss))")))
        }
        return .success(loss)
    }
}
