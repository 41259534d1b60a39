import ComponentRuntime
import GradeKit
import GradeResults

/// A seeded generator of one input.
public enum Generator: Sendable, Hashable {
    /// A matrix of normal samples: `mean + scale · N(0, 1)`.
    case normal(rows: Int, columns: Int, mean: Double, scale: Double)
    /// A matrix of uniform samples in `[low, high)`.
    case uniform(rows: Int, columns: Int, low: Double, high: Double)
    /// `count` labels uniform in `0..<classes`.
    case labels(count: Int, classes: Int)
    /// `count` matrices of normal samples (an optimizer's gradients, one a step).
    case normalList(count: Int, rows: Int, columns: Int, scale: Double)
}
