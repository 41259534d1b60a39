/// How much slower than the reference a submission may be on a case's inputs.
public struct EfficiencySpec: Sendable, Hashable {
    /// The largest ratio of the submission's median time a call to the reference's that passes.
    public var maxSlowdown: Double
    /// How many interleaved rounds are timed (each: the reference, then the submission).
    public var repetitions: Int

    /// The rounds timed when the case does not say.
    public static let defaultRepetitions = 5

    /// Creates an efficiency specification.
    public init(maxSlowdown: Double, repetitions: Int = EfficiencySpec.defaultRepetitions) {
        self.maxSlowdown = maxSlowdown
        self.repetitions = repetitions
    }
}
