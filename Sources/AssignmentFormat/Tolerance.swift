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

    /// Whether `got` is close enough to `expected`: `|got − expected| ≤ atol + rtol · |expected|`,
    /// false for NaN and infinity. The one closeness rule of the grader: comparisons, and the
    /// telltale transforms a diagnosis recognises, use it.
    public func admits(_ got: Double, expected: Double) -> Bool {
        got.isFinite && Swift.abs(got - expected) <= atol + rtol * Swift.abs(expected)
    }

    /// Whether every entry of `got` is admitted against the same entry of `expected`, with
    /// equal shapes.
    public func admits(_ got: Matrix, expected: Matrix) -> Bool {
        got.rows == expected.rows && got.columns == expected.columns
            && zip(got.elements, expected.elements).allSatisfy { admits($0, expected: $1) }
    }

    /// The tolerance a diagnosis holds a telltale transform to when the case's own is looser
    /// than round-off: `rtol 1e-7, atol 1e-12`.
    public static let telltale = Tolerance(rtol: 1e-7, atol: 1e-12)

    /// Double-precision round-off of computations in another order: `rtol 1e-10, atol 1e-14`.
    public static let doublePrecision = Tolerance(rtol: 1e-10, atol: 1e-14)

    /// The default for reference agreement: `rtol 1e-6, atol 1e-9`.
    public static let `default` = Tolerance(rtol: 1e-6, atol: 1e-9)
}
