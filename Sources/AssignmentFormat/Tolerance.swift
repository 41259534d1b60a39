import ComponentRuntime
import GradeKit
import GradeResults

/// Relative and absolute tolerance: `|got − expected| ≤ atol + rtol · |expected|`, entry by entry.
/// NaN and infinity never pass.
public struct Tolerance: Sendable, Hashable {
    /// The relative tolerance.
    public var rtol: Double
    /// The absolute tolerance.
    public var atol: Double

    /// Creates a tolerance.
    public init(rtol: Double, atol: Double) {
        self.rtol = rtol
        self.atol = atol
    }

    /// The default for reference agreement: `rtol 1e-6, atol 1e-9`.
    public static let `default` = Tolerance(rtol: 1e-6, atol: 1e-9)
}
