import ComponentRuntime
import GradeKit
import GradeResults

/// The kinds of test case.
public enum CaseKind: String, Sendable, Hashable, CaseIterable {
    /// Literal inputs and a literal expected value from the lecture.
    case workedExample = "worked-example"
    /// Outputs compared with the reference implementation on the same inputs
    /// (for an optimizer: its whole trajectory).
    case reference
    /// The analytic gradient against centered differences of the student's own loss.
    case gradientCheck = "gradient-check"
    /// A behaviour the lecture asks about (see ``PropertyName``).
    case property
    /// A training run that must reach an accuracy.
    case convergence
    /// A numerical-gradient estimator against the exact gradient of a known function.
    case numericalGradient = "numerical-gradient"
    /// The submission's time a call against the reference's, on the same inputs.
    case efficiency
}
