import ComponentRuntime
import GradeKit
import GradeResults

/// Options of a gradient check.
public struct GradientCheckSpec: Sendable, Hashable {
    /// The input the gradient is taken with respect to, such as `scores`.
    public var input: String
    /// The output holding the analytic gradient, such as `gradient`.
    public var output: String
    /// The centered-difference step h.
    public var step: Double
    /// The largest relative error that passes, away from kinks.
    public var maxRelativeError: Double

    /// Creates gradient-check options.
    public init(input: String, output: String = "gradient", step: Double = 1e-5, maxRelativeError: Double = 1e-6) {
        self.input = input
        self.output = output
        self.step = step
        self.maxRelativeError = maxRelativeError
    }
}
