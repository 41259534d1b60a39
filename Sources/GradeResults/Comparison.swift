/// One quantity compared: expected against got.
public struct Comparison: Sendable, Hashable, Codable {
    /// What was compared: `loss`, `gradient`, `trajectory[3]`, `gradient[2,1]`.
    public var quantity: String
    /// The expected value, formatted for people (a number, or a matrix abbreviated).
    public var expected: String
    /// The value the submission gave, formatted the same way.
    public var got: String
    /// The largest relative error over the entries, when both were finite numbers.
    public var relativeError: Double?
    /// The tolerance it was held to, such as `rtol 1e-6, atol 1e-9`.
    public var tolerance: String
    /// True when the comparison held.
    public var passed: Bool

    /// Creates a comparison.
    public init(quantity: String, expected: String, got: String, relativeError: Double?, tolerance: String, passed: Bool) {
        self.quantity = quantity
        self.expected = expected
        self.got = got
        self.relativeError = relativeError
        self.tolerance = tolerance
        self.passed = passed
    }
}
