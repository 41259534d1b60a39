import ComponentRuntime
import GradeKit

/// What a case checks, with everything that check needs, validated when the case file is
/// loaded: a case of one kind cannot carry the fields of another.
public enum Check: Sendable, Hashable {
    /// Literal inputs and literal expected values from the lecture; `logBase` reports the
    /// loss in base-b units, `loss / ln b` (the lecture's 0.89 is base 10).
    case workedExample(expected: Values, logBase: Double?)
    /// Outputs compared with the reference on the same inputs, or with the reference's
    /// outputs recorded into the case (a student kit has no reference).
    case reference(recorded: Values?)
    /// A numerical-gradient estimator against the exact gradient of a known test function.
    case numericalGradient
    /// Analytic gradients against centered differences of the student's own loss, one
    /// check per input (never empty).
    case gradientCheck([GradientCheckSpec])
    /// A behaviour of the lecture; `expected` holds literal values where the property
    /// compares with the reference (numerically-stable) and they were written or recorded.
    case property(PropertyName, expected: Values?)
    /// A training run that must reach an accuracy.
    case convergence(ConvergenceSpec)
    /// The submission's median time a call, within a factor of the reference's measured in
    /// the same run.
    case efficiency(EfficiencySpec)

    /// The kind, as case files name it.
    public var kind: CaseKind {
        switch self {
        case .workedExample: .workedExample
        case .reference: .reference
        case .numericalGradient: .numericalGradient
        case .gradientCheck: .gradientCheck
        case .property: .property
        case .convergence: .convergence
        case .efficiency: .efficiency
        }
    }

    /// The literal values the outputs are compared with, if the case holds any.
    public var literalExpected: Values? {
        switch self {
        case .workedExample(let expected, _): expected
        case .reference(let recorded): recorded
        case .property(_, let expected): expected
        case .numericalGradient, .gradientCheck, .convergence, .efficiency: nil
        }
    }

    /// The property checked, if the case is a property case.
    public var property: PropertyName? {
        if case .property(let name, _) = self { name } else { nil }
    }

    /// True when grading asks the reference implementation for expected values: a
    /// `reference` case, or a `numerically-stable` property, without recorded values.
    /// A student kit, which has no reference, records these values at release time.
    public var asksTheReference: Bool {
        switch self {
        case .reference(nil): true
        case .property(.numericallyStable, nil): true
        default: false
        }
    }

    /// True when the check needs the reference itself, not its values: an efficiency case
    /// times it, so a student kit (which has no reference) cannot carry the case.
    public var runsTheReference: Bool {
        if case .efficiency = self { true } else { false }
    }
}
